package org.guichets.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import java.util.Optional;
import org.guichets.api.identity.Actor;

/**
 * Who is signed in, kept in the server-side session only (never in the browser): the services
 * receive this actor and check every permission themselves; the portal only decides what to show.
 */
public final class PortalSession {

    private static final String ACTOR = "guichets.actor";

    private PortalSession() {}

    /** The signed-in actor of the current session, if any. */
    public static Optional<Actor> actor() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((Actor) session.getAttribute(ACTOR));
    }

    /** The signed-in actor; views reached only through the sign-in guard call this. */
    public static Actor require() {
        return actor().orElseThrow(() -> new IllegalStateException("no one is signed in"));
    }

    /**
     * Signs {@code actor} in: the HTTP session gets a new identifier first (a session identifier
     * seen before sign-in is worth nothing after it), keeping the chosen language.
     */
    public static void signIn(Actor actor) {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            VaadinService.reinitializeSession(request);
        }
        VaadinSession.getCurrent().setAttribute(ACTOR, actor);
    }

    /** Signs out: the whole session goes, and the browser goes back to the first page. */
    public static void signOut(UI ui) {
        VaadinSession session = ui.getSession();
        session.setAttribute(ACTOR, null);
        ui.getPage().setLocation("./");
        session.getSession().invalidate();
    }
}

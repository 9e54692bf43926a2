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
    private static final String CHECKED = "guichets.actor.checkedAt";
    /** How long a session trusts the roles and status it read: a change reaches open sessions within this. */
    static final long RECHECK_MILLIS = 10_000;

    private PortalSession() {}

    /** The signed-in actor of the current session, if any. */
    public static Optional<Actor> actor() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        Actor actor = (Actor) session.getAttribute(ACTOR);
        if (actor == null) {
            return Optional.empty();
        }
        Long checked = (Long) session.getAttribute(CHECKED);
        long now = System.currentTimeMillis();
        if (checked != null && now - checked < RECHECK_MILLIS) {
            return Optional.of(actor);
        }
        // roles taken away or an account disabled reach the sessions already open
        Optional<Actor> current = reread(actor);
        if (current == null) {
            return Optional.of(actor); // outside a request: nothing to read with; the services check again
        }
        session.setAttribute(ACTOR, current.orElse(null));
        session.setAttribute(CHECKED, now);
        return current;
    }

    /** The account as it is now, or empty when it can no longer act; null when there is no way to read it. */
    private static Optional<Actor> reread(Actor actor) {
        if (com.vaadin.flow.server.VaadinServlet.getCurrent() == null) {
            return null;
        }
        Optional<org.guichets.api.identity.IdentityService> identity = PlatformServices.current()
                .get(org.guichets.api.identity.IdentityService.class);
        if (identity.isEmpty()) {
            return null;
        }
        try {
            org.guichets.api.identity.Account a = identity.get().account(Actor.system(), actor.accountId());
            return a.status() == org.guichets.api.identity.AccountStatus.ACTIVE ? Optional.of(Actor.of(a)) : Optional.empty();
        } catch (org.guichets.api.error.NotFoundException gone) {
            return Optional.empty();
        }
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
        VaadinSession.getCurrent().setAttribute(CHECKED, System.currentTimeMillis());
    }

    /** Signs out: the whole session goes, and the browser goes back to the first page. */
    public static void signOut(UI ui) {
        VaadinSession session = ui.getSession();
        session.setAttribute(ACTOR, null);
        ui.getPage().setLocation("./");
        session.getSession().invalidate();
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.router.Route;
import org.guichets.api.candidature.Conversation;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/** The conversation of a candidature with the agency's reviewers (messagerie, R-12); read when shown. */
@Route(value = "candidature/:number/messages", layout = PortalLayout.class)
@SignInRequired
public final class ConversationView extends CandidaturePage {

    public ConversationView() {
        super("conversation");
    }

    @Override
    protected void render() {
        content.removeAll();
        Actor actor = PortalSession.require();
        ConversationService service = PlatformServices.current().get(ConversationService.class).orElse(null);
        if (service == null) {
            unavailable();
            return;
        }
        Conversation conversation;
        try {
            conversation = service.read(actor, number);
            service.markRead(actor, number);
            java.util.Optional<com.vaadin.flow.component.Component> up = getParent();
            while (up.isPresent() && !(up.get() instanceof PortalLayout)) {
                up = up.get().getParent();
            }
            up.ifPresent(layout -> ((PortalLayout) layout).refresh());
        } catch (GuichetsException e) {
            denied();
            return;
        }
        content.add(backToCandidature(), new H1(getTranslation("conversation.title", number)),
                new ConversationPanel(actor, number, service, conversation));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("conversation.pageTitle", number);
    }
}

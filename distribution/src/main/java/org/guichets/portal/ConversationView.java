package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Article;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.guichets.api.candidature.Conversation;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.Message;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/** The conversation of a candidature with the agency's reviewers (messagerie, R-12); read when shown. */
@Route(value = "candidature/:number/messages", layout = PortalLayout.class)
@SignInRequired
public final class ConversationView extends CandidaturePage {

    private final Errors errors = new Errors();

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
        RouterLink back = backToCandidature();
        content.add(back, new H1(getTranslation("conversation.title", number)));
        Div messages = new Div();
        messages.setId("messages");
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale());
        if (conversation.messages().isEmpty()) {
            messages.add(new Paragraph(getTranslation("conversation.empty")));
        }
        for (Message m : conversation.messages()) {
            Article a = new Article();
            a.addClassName("message");
            a.getElement().setAttribute("data-agency", Boolean.toString(m.fromAgency()));
            Span author = new Span(m.authorName() + (m.fromAgency() ? " · " + getTranslation("conversation.agency") : "") + " · "
                    + when.format(m.postedAt().atZone(ZoneId.of("Europe/Paris"))));
            author.getStyle().set("font-weight", "600");
            a.add(author, new Paragraph(m.body()));
            messages.add(a);
        }
        TextArea body = new TextArea(getTranslation("conversation.new"));
        body.setId("message-body");
        body.setMaxLength(10_000);
        body.setWidthFull();
        errors.field("body", body);
        Button send = new Button(getTranslation("conversation.send"), e -> {
            try {
                service.post(actor, number, body.getValue());
                render();
            } catch (GuichetsException ex) {
                errors.show(ex, getLocale());
            }
        });
        send.setId("message-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        content.add(messages, errors.area(), body, send);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("conversation.pageTitle", number);
    }
}

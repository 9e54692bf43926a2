package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Article;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;
import org.guichets.api.candidature.Conversation;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.Message;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * The messages of one candidature, oldest first, and the field to write the next: the same for
 * the candidate and the agency (the service tells who wrote as the agency).
 */
final class ConversationPanel extends Div {

    private final Actor actor;
    private final String number;
    private final ConversationService service;
    private final Errors errors = new Errors();

    ConversationPanel(Actor actor, String number, ConversationService service, Conversation conversation) {
        this.actor = actor;
        this.number = number;
        this.service = service;
        draw(conversation);
    }

    private void draw(Conversation conversation) {
        removeAll();
        Div messages = new Div();
        messages.setId("messages");
        if (conversation.messages().isEmpty()) {
            messages.add(new Paragraph(getTranslation("conversation.empty")));
        }
        for (Message m : conversation.messages()) {
            Article a = new Article();
            a.addClassName("message");
            a.getElement().setAttribute("data-agency", Boolean.toString(m.fromAgency()));
            Span author = new Span(m.authorName() + (m.fromAgency() ? " · " + getTranslation("conversation.agency") : "") + " · "
                    + Display.dateTime(getLocale(), m.postedAt()));
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
                draw(service.read(actor, number));
            } catch (GuichetsException ex) {
                errors.show(ex, getLocale());
            }
        });
        send.setId("message-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(messages, errors.area(), body, send);
    }
}

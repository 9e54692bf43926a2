package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.List;
import java.util.Locale;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.Step;
import org.guichets.api.identity.Actor;

/** The company's candidatures the user may see, newest first, with their steps and unread messages. */
@Route(value = "candidatures", layout = PortalLayout.class)
@SignInRequired
public final class CandidaturesView extends VerticalLayout implements HasDynamicTitle {

    private final UnorderedList list = new UnorderedList();

    public CandidaturesView() {
        setId("candidatures");
        setPadding(false);
        list.setId("candidature-list");
        add(new H1(getTranslation("candidatures.title")), list);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        List<Candidature> all = PlatformServices.current().get(CandidatureService.class)
                .map(s -> s.list(actor, null, 0, 200).items()).orElse(List.of());
        list.removeAll();
        if (all.isEmpty()) {
            list.add(new ListItem(new Paragraph(getTranslation("candidatures.none"))));
        }
        ConversationService conversations = PlatformServices.current().get(ConversationService.class).orElse(null);
        DispositifRegistry registry = PlatformServices.current().get(DispositifRegistry.class).orElse(null);
        for (Candidature c : all) {
            ListItem item = new ListItem();
            item.addClassName("candidature");
            item.getElement().setAttribute("data-number", c.number());
            RouterLink link = new RouterLink(c.number(), CandidatureView.class, new RouteParameters("number", c.number()));
            link.getStyle().set("font-weight", "600").set("text-decoration", "underline");
            String desk = registry == null ? c.guichetId() : registry.find(c.dispositifId()).flatMap(d -> d.guichet(c.guichetId()))
                    .map(g -> g.name().get(locale)).orElse(c.guichetId());
            item.add(link, new Span(" · " + desk + " · " + getTranslation("colon", getTranslation("step.FORM")) + " "
                    + getTranslation("stepState." + c.state(Step.FORM).name())));
            if (conversations != null) {
                int unread = conversations.read(actor, c.number()).unread();
                if (unread > 0) {
                    RouterLink messages = new RouterLink(getTranslation("candidatures.unread", unread), ConversationView.class,
                            new RouteParameters("number", c.number()));
                    messages.getStyle().set("text-decoration", "underline");
                    item.add(new Span(" · "), messages);
                }
            }
            list.add(item);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("candidatures.pageTitle");
    }
}

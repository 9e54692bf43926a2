package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.Locale;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * A candidature: its number, the product's NRU, the three steps with their state, and
 * "Démarrer" on the administrative form. Who may not see it gets the same answer as for a number
 * that does not exist.
 */
@Route(value = "candidature/:number", layout = PortalLayout.class)
@SignInRequired
public final class CandidatureView extends CandidaturePage {

    public CandidatureView() {
        super("candidature");
    }

    @Override
    protected void render() {
        content.removeAll();
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        Candidature c;
        Guichet guichet;
        try {
            CandidatureService service = service(CandidatureService.class);
            c = service.get(actor, number);
            guichet = service.guichet(actor, number);
        } catch (GuichetsException e) {
            content.add(denied(this, number));
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        String scheme = PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(c.dispositifId()))
                .map(Dispositif::name).map(n -> n.get(locale)).orElse(c.dispositifId());
        String product = PlatformServices.current().get(ProductService.class).map(s -> s.get(actor, c.productId()))
                .map(p -> p.name() + " " + p.softwareVersion()).orElse("");
        content.add(new H1(getTranslation("candidature.title", guichet.name().get(locale))));
        content.add(Display.line(this, "candidature.scheme", scheme, "scheme"),
                Display.line(this, "candidature.product", product, "product"),
                Display.line(this, "candidature.number", c.number(), "candidature-number"),
                Display.line(this, "candidature.nru", c.nru(), "nru"),
                Display.line(this, "candidature.referential", c.referentialVersion(), "referential"));
        RouterLink messages = new RouterLink(getTranslation("candidature.messages"), ConversationView.class,
                new RouteParameters("number", number));
        messages.setId("open-conversation");
        messages.getStyle().set("text-decoration", "underline");
        content.add(new Paragraph(messages));
        content.add(new H2(getTranslation("candidature.steps")));
        OrderedList steps = new OrderedList();
        steps.setId("steps");
        for (Step step : Step.values()) {
            StepState state = c.state(step);
            ListItem item = new ListItem();
            item.addClassName("step");
            item.getElement().setAttribute("data-step", step.name());
            item.getElement().setAttribute("data-state", state.name());
            Span name = new Span(getTranslation("step." + step.name()));
            name.getStyle().set("font-weight", "600");
            item.add(name, new Span(" · " + getTranslation("stepState." + state.name())));
            if (step == Step.FORM) {
                Button open = new Button(getTranslation(state == StepState.IN_PROGRESS ? "candidature.start" : "candidature.open"),
                        e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(FormView.class, new RouteParameters("number", number))));
                open.setId("open-form");
                if (state == StepState.IN_PROGRESS || state == StepState.RETURNED) {
                    open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                }
                item.add(new Span(" "), open);
            }
            if (step == Step.EVIDENCE && state != StepState.LOCKED) {
                Button open = new Button(getTranslation("candidature.open"),
                        e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(EvidenceView.class, new RouteParameters("number", number))));
                open.setId("open-evidence");
                if (state == StepState.IN_PROGRESS) {
                    open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                }
                item.add(new Span(" "), open);
            }
            steps.add(item);
        }
        content.add(steps);
        // the signed deliverables: status, validity, download
        java.util.List<org.guichets.api.deliverable.IssuedDeliverable> issued = PlatformServices.current()
                .get(org.guichets.api.deliverable.DeliverableService.class).map(s -> s.forCandidature(actor, number))
                .orElse(java.util.List.of());
        if (!issued.isEmpty()) {
            content.add(new H2(getTranslation("candidature.deliverables")), DeliverableLinks.list(this, actor, issued));
        }
    }

    /** What anyone gets for a candidature that does not exist or is not theirs: the same words. */
    static Paragraph denied(com.vaadin.flow.component.Component view, String number) {
        Paragraph p = new Paragraph(view.getTranslation("candidature.denied", number));
        p.setId("denied");
        p.getElement().setAttribute("role", "alert");
        return p;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("candidature.pageTitle", number);
    }
}

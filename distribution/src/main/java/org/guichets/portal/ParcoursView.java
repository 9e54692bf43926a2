package org.guichets.portal;

import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.util.Locale;
import java.util.Optional;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.GuichetStatus;
import org.guichets.api.Profile;

/**
 * "En savoir plus" on a parcours: the scheme's presentation, then its démarches (guichets),
 * each with its profiles and a button that starts a candidature on it.
 */
@Route(value = "parcours/:dispositif", layout = PortalLayout.class)
public final class ParcoursView extends VerticalLayout implements com.vaadin.flow.router.AfterNavigationObserver, BeforeEnterObserver, HasDynamicTitle, LocaleChangeObserver {

    private final Div content = new Div();
    private String dispositifId;
    private Dispositif dispositif;

    public ParcoursView() {
        setId("parcours");
        setPadding(false);
        add(content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        dispositifId = event.getRouteParameters().get("dispositif").orElse("");
        dispositif = PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(dispositifId))
                .filter(Dispositif::isActive).orElse(null);
    }

    /** Drawn after each navigation here: the same view may be reused for another candidature. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        render();
    }

    private void render() {
        content.removeAll();
        Locale locale = getLocale();
        if (dispositif == null) {
            content.add(new H1(getTranslation("parcours.unknown.title")));
            Paragraph p = new Paragraph(getTranslation("parcours.unknown", dispositifId));
            p.setId("parcours-unknown");
            content.add(p);
            return;
        }
        content.add(new H1(dispositif.name().get(locale)));
        Section presentation = new Section();
        presentation.setId("presentation");
        Optional.ofNullable(dispositif.presentation()).or(() -> Optional.ofNullable(dispositif.summary()))
                .map(t -> t.get(locale)).ifPresent(text -> {
                    for (String paragraph : text.split("\\n\\s*\\n")) {
                        presentation.add(new Paragraph(paragraph.strip()));
                    }
                });
        content.add(presentation);
        content.add(new H2(getTranslation("parcours.demarches")));
        for (Guichet g : dispositif.guichets()) {
            Section card = new Section();
            card.addClassName("demarche");
            card.getElement().setAttribute("data-guichet", g.id());
            card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                    .set("padding", "var(--lumo-space-m)").set("margin-bottom", "var(--lumo-space-m)");
            card.add(new H3(g.name().get(locale)));
            if (g.description() != null) {
                card.add(new Paragraph(g.description().get(locale)));
            }
            for (Profile p : g.profiles()) {
                card.add(new Paragraph(p.code() + " – " + p.name().get(locale)));
            }
            if (g.status() == GuichetStatus.OPEN) {
                Button start = new Button(getTranslation("parcours.start"), e -> e.getSource().getUI().ifPresent(ui -> ui.navigate(
                        DemarcheView.class, new RouteParameters(java.util.Map.of("dispositif", dispositif.id(), "guichet", g.id())))));
                start.setId("start-" + g.id());
                start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                start.getElement().setAttribute("aria-label", getTranslation("parcours.start.label", g.name().get(locale)));
                card.add(start);
            } else {
                card.add(new Paragraph(getTranslation("guichet.status." + g.status().name())));
            }
            content.add(card);
        }
    }

    @Override
    public String getPageTitle() {
        return dispositif == null ? getTranslation("parcours.unknown.title") : "Guichets – " + dispositif.name().get(getLocale());
    }
}

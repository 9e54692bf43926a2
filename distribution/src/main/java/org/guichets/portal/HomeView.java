package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.api.Profile;

/**
 * The first page: the schemes in service and their guichets, updated live (server push) as
 * plugins arrive and leave.
 */
@Route(value = "", layout = PortalLayout.class)
public final class HomeView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final Div catalogue = new Div();
    private final H1 title = new H1();
    private final Paragraph intro = new Paragraph();
    private Registration subscription;
    private List<Dispositif> shown = List.of();

    public HomeView() {
        setId("home");
        setPadding(false);
        catalogue.setId("dispositifs");
        catalogue.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        add(title, intro, catalogue);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        event.getUI().getPage().setTitle(getPageTitle());
        render(shown);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        DispositifCatalog catalog = catalog();
        subscription = catalog.subscribe(list -> {
            try {
                ui.access(() -> render(list));
            } catch (UIDetachedException closing) {
                // the page is closing: onDetach removes the subscription
            }
        });
        render(catalog.active());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("home.pageTitle");
    }

    private void render(List<Dispositif> dispositifs) {
        shown = dispositifs;
        Locale locale = getLocale();
        title.setText(getTranslation("home.title"));
        intro.setText(getTranslation("home.intro"));
        catalogue.removeAll();
        if (dispositifs.isEmpty()) {
            Paragraph empty = new Paragraph(getTranslation("home.empty"));
            empty.setId("no-dispositif");
            catalogue.add(empty);
            return;
        }
        for (Dispositif d : dispositifs) {
            catalogue.add(card(d, locale));
        }
    }

    private Section card(Dispositif d, Locale locale) {
        Section card = new Section();
        card.addClassName("dispositif");
        card.getElement().setAttribute("data-dispositif", d.id());
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("min-width", "18rem").set("max-width", "32rem");
        card.add(new H2(d.name().get(locale)));
        if (d.summary() != null) {
            card.add(new Paragraph(d.summary().get(locale)));
        }
        Span referential = new Span(getTranslation("home.referential", d.referentialVersion()));
        referential.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        card.add(referential);
        card.add(new H3(getTranslation("home.guichets")));
        UnorderedList guichets = new UnorderedList();
        for (Guichet g : d.guichets()) {
            ListItem item = new ListItem();
            item.addClassName("guichet");
            item.getElement().setAttribute("data-guichet", g.id());
            Span name = new Span(g.name().get(locale));
            name.getStyle().set("font-weight", "600");
            Span status = new Span(" · " + getTranslation("guichet.status." + g.status().name()));
            item.add(name, status);
            if (!g.profiles().isEmpty()) {
                String codes = g.profiles().stream().map(Profile::code).collect(Collectors.joining(", "));
                item.add(new Paragraph(getTranslation("guichet.profiles", codes)));
            }
            guichets.add(item);
        }
        card.add(guichets);
        RouterLink more = new RouterLink(getTranslation("home.more"), ParcoursView.class, new RouteParameters("dispositif", d.id()));
        more.setId("more-" + d.id());
        more.getStyle().set("text-decoration", "underline");
        more.getElement().setAttribute("aria-label", getTranslation("home.more.label", d.name().get(locale)));
        card.add(more);
        return card;
    }

    private static DispositifCatalog catalog() {
        Object catalog = VaadinServlet.getCurrent().getServletContext().getAttribute(DispositifCatalog.ATTRIBUTE);
        if (catalog == null) {
            throw new IllegalStateException("the launcher did not publish the scheme catalog");
        }
        return (DispositifCatalog) catalog;
    }
}

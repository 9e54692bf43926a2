package org.guichets.portal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

/**
 * A page of one candidature ({@code candidature/:number/…}): the number from the address, the
 * page drawn after each navigation (the same view may be reused for another candidature), the
 * answer for a candidature that does not exist or is not the user's, and the link back to it.
 */
abstract class CandidaturePage extends VerticalLayout implements BeforeEnterObserver, AfterNavigationObserver, HasDynamicTitle,
        com.vaadin.flow.i18n.LocaleChangeObserver {

    /** What the page shows, drawn again by {@link #render()}. */
    protected final Div content = new Div();
    /** The candidature's number. */
    protected String number = "";

    protected CandidaturePage(String id) {
        setId(id);
        setPadding(false);
        content.setWidthFull();
        content.getStyle().set("overflow-wrap", "anywhere");
        add(content);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        number = event.getRouteParameters().get("number").orElse("");
        parameters(event.getRouteParameters());
    }

    /** The route's other parameters, if the page has some. */
    protected void parameters(RouteParameters parameters) {
        // none by default
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        render();
    }

    /** In the other language at once: the page is drawn again (what was typed is saved field by field). */
    @Override
    public void localeChange(com.vaadin.flow.i18n.LocaleChangeEvent event) {
        if (!number.isEmpty()) {
            render();
        }
    }

    /** The platform's service of {@code type}, or IllegalStateException while its bundle is away. */
    protected static <T> T service(Class<T> type) {
        return PlatformServices.current().get(type).orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " unavailable"));
    }

    /** Draws the page from the services' answers. */
    protected abstract void render();

    /** For a candidature the user may not see: the same words as for a number that does not exist. */
    protected void denied() {
        content.add(CandidatureView.denied(this, number));
    }

    protected void unavailable() {
        content.add(new Paragraph(getTranslation("portal.unavailable")));
    }

    /** The link back to the candidature's page. */
    protected RouterLink backToCandidature() {
        RouterLink back = new RouterLink(getTranslation("form.back", number), CandidatureView.class,
                new RouteParameters("number", number));
        back.getStyle().set("text-decoration", "underline");
        return back;
    }
}

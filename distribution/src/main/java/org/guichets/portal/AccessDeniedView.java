package org.guichets.portal;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;

/** What a signed-in user sees on a workspace their roles do not open. */
@Route(value = "acces-refuse", layout = PortalLayout.class)
public final class AccessDeniedView extends VerticalLayout implements HasDynamicTitle {

    public AccessDeniedView() {
        setId("access-denied");
        setPadding(false);
        Paragraph why = new Paragraph(getTranslation("access.denied.text"));
        why.getElement().setAttribute("role", "alert");
        RouterLink home = new RouterLink(getTranslation("access.denied.home"), HomeView.class);
        home.getStyle().set("text-decoration", "underline");
        add(new H1(getTranslation("access.denied.title")), why, home);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("access.denied.title");
    }
}

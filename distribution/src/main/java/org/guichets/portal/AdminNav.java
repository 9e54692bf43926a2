package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.router.RouterLink;
import java.util.List;

/** The administration's sections, on every administration page; the current one marked for screen readers. */
final class AdminNav extends Nav {

    private record Section(String key, String id, Class<? extends Component> view) {}

    private static final List<Section> SECTIONS = List.of(
            new Section("admin.nav.plugins", "admin-plugins", AdminPluginsView.class),
            new Section("admin.nav.referentials", "admin-referentials", AdminReferentialView.class),
            new Section("admin.nav.accounts", "admin-accounts", AdminAccountsView.class),
            new Section("admin.nav.passi", "admin-passi", AdminPassiView.class),
            new Section("admin.nav.deliverables", "admin-deliverables", AdminDeliverablesView.class),
            new Section("admin.nav.audit", "admin-audit", AdminAuditView.class));

    AdminNav(Component page, Class<? extends Component> current) {
        getElement().setAttribute("aria-label", page.getTranslation("admin.nav.label"));
        getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("flex-wrap", "wrap")
                .set("margin-bottom", "var(--lumo-space-m)");
        for (Section s : SECTIONS) {
            RouterLink link = new RouterLink(page.getTranslation(s.key()), s.view());
            link.setId("nav-" + s.id());
            if (s.view().equals(current)) {
                link.getElement().setAttribute("aria-current", "page");
                link.getStyle().set("font-weight", "700");
            }
            add(link);
        }
    }
}

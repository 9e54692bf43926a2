package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.PlatformRole;

/** Audit-trail verification: the hash chain read from its first entry, and what the check found. */
@Route(value = "agence/administration/audit", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminAuditView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final Paragraph result = new Paragraph();

    public AdminAuditView() {
        setId("admin-audit-page");
        setPadding(false);
        result.setId("audit-result");
        result.getElement().setAttribute("role", "status");
        draw();
    }

    private void draw() {
        removeAll();
        result.setText("");
        Button verify = new Button(getTranslation("admin.audit.verify"), e -> verify());
        verify.setId("audit-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminAuditView.class), new H2(getTranslation("admin.audit.title")),
                new Paragraph(getTranslation("admin.audit.text")), verify, result);
    }

    private void verify() {
        AuditTrail trail = PlatformServices.current().get(AuditTrail.class).orElse(null);
        if (trail == null) {
            result.setText(getTranslation("portal.unavailable"));
            return;
        }
        try {
            AuditVerification v = trail.verify(PortalSession.require());
            result.getElement().setAttribute("data-intact", Boolean.toString(v.intact()));
            result.setText(v.intact() ? getTranslation("admin.audit.intact", v.entries())
                    : getTranslation("admin.audit.broken", v.firstBrokenSequence(), v.problem(), v.entries()));
            result.getStyle().set("color", v.intact() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        } catch (GuichetsException e) {
            result.setText(e.getMessage(getLocale()));
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.audit.pageTitle");
    }
}

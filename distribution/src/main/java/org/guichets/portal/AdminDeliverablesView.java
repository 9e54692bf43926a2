package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.Locale;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;

/**
 * Deliverable revocation: a deliverable found by its identifier or its candidature's number, shown
 * with its status and validity, revoked with a reason (the service records it in the audit trail;
 * the public verification page says "revoked" at once).
 */
@Route(value = "agence/administration/livrables", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminDeliverablesView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final TextField query = new TextField();
    private final Div results = new Div();
    private final Errors errors = new Errors();

    public AdminDeliverablesView() {
        setId("admin-deliverables-page");
        setPadding(false);
        query.setId("deliverable-query");
        query.setMaxLength(100);
        results.setId("deliverable-results");
        errors.field("query", query);
        draw();
    }

    private void draw() {
        removeAll();
        query.setLabel(getTranslation("admin.deliverables.query"));
        query.setHelperText(getTranslation("admin.deliverables.query.help"));
        Button find = new Button(getTranslation("admin.deliverables.find"), e -> find());
        find.setId("deliverable-find");
        find.addClickShortcut(com.vaadin.flow.component.Key.ENTER);
        HorizontalLayout bar = new HorizontalLayout(query, find);
        bar.setAlignItems(Alignment.BASELINE);
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminDeliverablesView.class),
                new H2(getTranslation("admin.deliverables.title")), bar, errors.area(), results);
    }

    private void find() {
        errors.clear();
        results.removeAll();
        Actor actor = PortalSession.require();
        String q = query.getValue() == null ? "" : query.getValue().strip();
        DeliverableService service = PlatformServices.current().get(DeliverableService.class).orElse(null);
        if (service == null) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        List<IssuedDeliverable> found;
        try {
            found = q.matches("[A-Z]{10}") ? service.forCandidature(actor, q) : List.of(service.get(actor, q));
        } catch (GuichetsException e) {
            errors.show(getTranslation("admin.deliverables.notFound", q));
            return;
        }
        if (found.isEmpty()) {
            errors.show(getTranslation("admin.deliverables.notFound", q));
            return;
        }
        UnorderedList list = new UnorderedList();
        Locale locale = getLocale();
        for (IssuedDeliverable d : found) {
            ListItem item = new ListItem();
            item.addClassName("deliverable");
            item.getElement().setAttribute("data-id", d.id());
            item.getElement().setAttribute("data-status", d.status().name());
            item.add(new Span(d.id() + " · " + d.title().get(locale) + " · " + d.organizationName() + " · " + d.softwareName() + " "
                    + d.softwareVersion() + " · " + getTranslation("verify.status." + d.status().name())));
            if (d.expiresAt() != null) {
                item.add(new Span(" · " + getTranslation("candidature.validUntil", Display.date(locale, d.expiresAt()))));
            }
            if (d.revocationReason() != null) {
                item.add(new Paragraph(getTranslation("admin.deliverables.revokedBecause", d.revocationReason())));
            }
            if (d.status() == DeliverableStatus.VALID || d.status() == DeliverableStatus.PENDING) {
                Button revoke = new Button(getTranslation("admin.deliverables.revoke"), e -> revokeDialog(actor, d));
                revoke.setId("revoke-" + d.id());
                revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                revoke.getElement().setAttribute("aria-label", getTranslation("admin.deliverables.revoke.label", d.id()));
                item.add(revoke);
            }
            list.add(item);
        }
        results.add(list);
    }

    private void revokeDialog(Actor actor, IssuedDeliverable d) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.deliverables.revoke.title", d.id()));
        TextArea reason = new TextArea(getTranslation("admin.deliverables.reason"));
        reason.setId("revoke-reason");
        reason.setWidthFull();
        reason.setMaxLength(2000);
        Errors dialogErrors = new Errors().field("reason", reason);
        Button confirm = new Button(getTranslation("admin.deliverables.revoke"), e -> {
            try {
                PlatformServices.current().get(DeliverableService.class).orElseThrow().revoke(actor, d.id(), reason.getValue());
                dialog.close();
                find();
            } catch (GuichetsException ex) {
                dialogErrors.show(ex, getLocale());
            }
        });
        confirm.setId("revoke-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.add(new Paragraph(getTranslation("admin.deliverables.revoke.text")), reason, dialogErrors.area());
        dialog.getFooter().add(new Button(getTranslation("queue.cancel"), e -> dialog.close()), confirm);
        dialog.open();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.deliverables.pageTitle");
    }
}

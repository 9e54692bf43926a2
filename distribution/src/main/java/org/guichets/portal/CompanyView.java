package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import java.util.List;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.Organization;

/**
 * The company: its record and its members; the mandataire (or a responsable) approves the
 * accounts that asked to join; the managers reach the company's webhooks from here. The service
 * decides who may.
 */
@Route(value = "entreprise", layout = PortalLayout.class)
@SignInRequired
public final class CompanyView extends VerticalLayout implements HasDynamicTitle {

    private final Div content = new Div();
    private final Errors errors = new Errors();

    public CompanyView() {
        setId("company");
        setPadding(false);
        add(content);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        render();
    }

    private void render() {
        content.removeAll();
        Actor actor = PortalSession.require();
        IdentityService identity = PlatformServices.current().get(IdentityService.class).orElse(null);
        if (identity == null || actor.organizationId() == null) {
            content.add(new Paragraph(getTranslation("portal.unavailable")));
            return;
        }
        try {
            Organization org = identity.organization(actor, actor.organizationId());
            List<Account> members = identity.members(actor, actor.organizationId());
            content.add(new H1(org.legalName()), new Paragraph("SIRET " + org.siret()), errors.area());
            if (actor.organizationRole() != null && actor.organizationRole().managesAccounts()) {
                RouterLink webhooks = new RouterLink(getTranslation("company.webhooks"), WebhooksView.class);
                webhooks.setId("company-webhooks");
                content.add(new Paragraph(webhooks, new Span(" – " + getTranslation("company.webhooks.help"))));
            }
            UnorderedList list = new UnorderedList();
            list.setId("members");
            for (Account a : members) {
                ListItem item = new ListItem();
                item.addClassName("member");
                item.getElement().setAttribute("data-status", a.status().name());
                item.add(new Span(a.displayName() + " · " + a.email() + " · "
                        + getTranslation("role." + (a.organizationRole() == null ? "SALARIE" : a.organizationRole().name()))
                        + " · " + getTranslation("account." + a.status().name())));
                if (a.status() == AccountStatus.PENDING_APPROVAL) {
                    Button approve = new Button(getTranslation("company.approve"), e -> {
                        try {
                            identity.approve(actor, a.id());
                            render();
                        } catch (GuichetsException ex) {
                            errors.show(ex, getLocale());
                        }
                    });
                    approve.setId("approve-" + a.id());
                    approve.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
                    approve.getElement().setAttribute("aria-label", getTranslation("company.approve.label", a.displayName()));
                    item.add(new Span(" "), approve);
                }
                list.add(item);
            }
            content.add(list);
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
            content.add(errors.area());
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("company.pageTitle");
    }
}

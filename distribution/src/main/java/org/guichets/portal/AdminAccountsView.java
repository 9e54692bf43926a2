package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.PlatformRole;

/**
 * Accounts and roles: every account, searched by email or name and paged; the agency's roles of a
 * staff account changed, an account disabled or enabled again, a staff account created.
 */
@Route(value = "agence/administration/comptes", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminAccountsView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final TextField search = new TextField();
    private final Grid<Account> grid = new Grid<>();
    private final Errors errors = new Errors();

    public AdminAccountsView() {
        setId("admin-accounts-page");
        setPadding(false);
        search.setId("accounts-search");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        search.setClearButtonVisible(true);
        grid.setId("accounts-grid");
        grid.setHeight("28rem");
        grid.setPageSize(50);
        draw();
    }

    private void draw() {
        removeAll();
        search.setLabel(getTranslation("admin.accounts.search"));
        Button create = new Button(getTranslation("admin.accounts.create"), e -> createDialog());
        create.setId("account-create");
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminAccountsView.class),
                new H2(getTranslation("admin.accounts.title")), new HorizontalLayout(search, create), errors.area(), grid);
        grid.removeAllColumns();
        grid.addColumn(Account::email).setHeader(getTranslation("admin.accounts.email")).setAutoWidth(true);
        grid.addColumn(Account::displayName).setHeader(getTranslation("admin.accounts.name"));
        grid.addColumn(a -> a.organizationId() == null ? getTranslation("admin.accounts.agency")
                : getTranslation("admin.accounts.company", a.organizationRole() == null ? "" : getTranslation("role." + a.organizationRole().name())))
                .setHeader(getTranslation("admin.accounts.kind"));
        grid.addColumn(a -> a.platformRoles().stream().map(r -> getTranslation("platformRole." + r.name())).sorted()
                .collect(Collectors.joining(", "))).setHeader(getTranslation("admin.accounts.roles"));
        grid.addColumn(a -> getTranslation("accountStatus." + a.status().name())).setHeader(getTranslation("admin.accounts.status"));
        grid.addComponentColumn(this::actions).setHeader(getTranslation("admin.accounts.actions")).setAutoWidth(true);
        refresh();
    }

    private HorizontalLayout actions(Account a) {
        Actor actor = PortalSession.require();
        HorizontalLayout cell = new HorizontalLayout();
        if (a.organizationId() == null && a.id() != actor.accountId()) {
            Button roles = new Button(getTranslation("admin.accounts.editRoles"), e -> rolesDialog(a));
            roles.setId("roles-" + a.id());
            roles.addThemeVariants(ButtonVariant.LUMO_SMALL);
            roles.getElement().setAttribute("aria-label", getTranslation("admin.accounts.editRoles.label", a.email()));
            cell.add(roles);
        }
        if (a.id() != actor.accountId()) {
            boolean disabled = a.status() == AccountStatus.DISABLED;
            Button toggle = new Button(getTranslation(disabled ? "admin.accounts.enable" : "admin.accounts.disable"), e -> {
                try {
                    if (disabled) {
                        identity().enable(actor, a.id());
                    } else {
                        identity().disable(actor, a.id());
                    }
                    errors.clear();
                } catch (GuichetsException ex) {
                    errors.show(ex, getLocale());
                }
                grid.getDataProvider().refreshAll();
            });
            toggle.setId((disabled ? "enable-" : "disable-") + a.id());
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL, disabled ? ButtonVariant.LUMO_SUCCESS : ButtonVariant.LUMO_ERROR);
            toggle.getElement().setAttribute("aria-label", getTranslation(disabled ? "admin.accounts.enable.label"
                    : "admin.accounts.disable.label", a.email()));
            cell.add(toggle);
        }
        return cell;
    }

    private CheckboxGroup<PlatformRole> rolesField(Set<PlatformRole> value) {
        CheckboxGroup<PlatformRole> roles = new CheckboxGroup<>(getTranslation("admin.accounts.roles"));
        roles.setId("account-roles");
        roles.setItems(PlatformRole.values());
        roles.setItemLabelGenerator(r -> getTranslation("platformRole." + r.name()));
        roles.setValue(value.isEmpty() ? Set.of() : EnumSet.copyOf(value));
        return roles;
    }

    private void rolesDialog(Account a) {
        Actor actor = PortalSession.require();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.accounts.editRoles.title", a.email()));
        CheckboxGroup<PlatformRole> roles = rolesField(a.platformRoles());
        Errors dialogErrors = new Errors().field("roles", roles);
        Button save = new Button(getTranslation("admin.accounts.save"), e -> {
            try {
                identity().setPlatformRoles(actor, a.id(), a.version(), roles.getValue());
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (GuichetsException ex) {
                dialogErrors.show(ex, getLocale());
            }
        });
        save.setId("account-roles-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(roles, dialogErrors.area());
        dialog.getFooter().add(new Button(getTranslation("queue.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void createDialog() {
        Actor actor = PortalSession.require();
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("admin.accounts.create"));
        EmailField email = new EmailField(getTranslation("admin.accounts.email"));
        email.setId("new-account-email");
        TextField name = new TextField(getTranslation("admin.accounts.name"));
        name.setId("new-account-name");
        PasswordField password = new PasswordField(getTranslation("admin.accounts.password"));
        password.setId("new-account-password");
        password.setHelperText(getTranslation("admin.accounts.password.help"));
        CheckboxGroup<PlatformRole> roles = rolesField(Set.of());
        Errors dialogErrors = new Errors().field("email", email).field("displayName", name).field("password", password)
                .field("roles", roles);
        Button save = new Button(getTranslation("admin.accounts.save"), e -> {
            try {
                identity().createStaffAccount(actor, new NewAccount(email.getValue(), name.getValue(),
                        password.getValue().toCharArray(), null), roles.getValue());
                dialog.close();
                refresh();
            } catch (GuichetsException ex) {
                dialogErrors.show(ex, getLocale());
            }
        });
        save.setId("new-account-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        VerticalLayout fields = new VerticalLayout(email, name, password, roles, dialogErrors.area());
        fields.setPadding(false);
        dialog.add(fields);
        dialog.getFooter().add(new Button(getTranslation("queue.cancel"), e -> dialog.close()), save);
        dialog.open();
    }

    private void refresh() {
        Actor actor = PortalSession.require();
        String q = search.getValue();
        if (PlatformServices.current().get(IdentityService.class).isEmpty()) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        grid.setItems(query -> identity().accounts(actor, q, query.getOffset(), query.getLimit()).items().stream(),
                query -> (int) Math.min(Integer.MAX_VALUE, identity().accounts(actor, q, 0, 1).total()));
    }

    private static IdentityService identity() {
        return PlatformServices.current().get(IdentityService.class).orElseThrow(() -> new IllegalStateException("IdentityService unavailable"));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.accounts.pageTitle");
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiToken;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.IdentityService;

/**
 * The signed-in user's personal API tokens: created with a name, scopes and an optional expiry
 * (its secret shown once, right after, and never again: the service keeps only a hash), listed with
 * their state, revoked (confirmed). Also the language of the user's mails. The services decide.
 */
@Route(value = "compte/jetons", layout = PortalLayout.class)
@SignInRequired
public final class TokensView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {


    private final H1 title = new H1();
    private final Paragraph intro = new Paragraph();
    private final H2 createTitle = new H2();
    private final TextField name = new TextField();
    private final CheckboxGroup<ApiScope> scopes = new CheckboxGroup<>();
    private final DatePicker expiry = new DatePicker();
    private final Button create = new Button();
    private final Errors errors = new Errors();
    private final Div secretPanel = new Div();
    private final Span secretTitle = new Span();
    private final TextField secret = new TextField();
    private final Button copy = new Button();
    private final Span copied = new Span();
    private final H2 listTitle = new H2();
    private final Grid<ApiToken> grid = new Grid<>();
    private final Paragraph none = new Paragraph();
    private final Span listStatus = new Span();
    private final H2 languageTitle = new H2();
    private final Select<String> mailLanguage = new Select<>();
    private final Span languageStatus = new Span();
    private final Errors languageErrors = new Errors();
    private String secretName;

    public TokensView() {
        setId("tokens-page");
        setPadding(false);
        name.setId("token-name");
        name.setMaxLength(100);
        name.setWidth("24rem");
        scopes.setId("token-scopes");
        scopes.setItems(ApiScope.values());
        scopes.setValue(EnumSet.of(ApiScope.READ));
        expiry.setId("token-expiry");
        expiry.setClearButtonVisible(true);
        expiry.setWidth("18rem");
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> create());
        errors.field("name", name).field("scopes", scopes).field("expiresAt", expiry);
        FlexLayout form = new FlexLayout(name, scopes, expiry);
        form.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        form.setAlignItems(Alignment.BASELINE);
        form.getStyle().set("gap", "var(--lumo-space-l)");

        // the secret, once: read-only, selected for copying, marked as shown this time only
        secretPanel.setId("token-secret-panel");
        secretPanel.setVisible(false);
        secretPanel.getStyle().set("border", "2px solid var(--lumo-warning-color, #e8a200)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("background", "var(--lumo-contrast-5pct)");
        secretPanel.getElement().setAttribute("role", "region");
        secretTitle.getStyle().set("font-weight", "600");
        secret.setId("token-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        // the value alone in monospace, not its label and help
        secret.getElement().executeJs("this.inputElement.style.fontFamily = 'monospace'");
        secret.addFocusListener(e -> secret.getElement().executeJs("this.inputElement.select()"));
        copy.setId("token-secret-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL);
        copy.addClickListener(e -> {
            secret.getElement().executeJs("const i = this.inputElement; i.select();"
                    + " if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(i.value); }"
                    + " else { document.execCommand('copy'); }");
            copied.setText(getTranslation("tokens.secret.copied"));
        });
        copied.getElement().setAttribute("role", "status");
        secretPanel.add(secretTitle, secret, new HorizontalLayout(copy, copied));

        grid.setId("tokens-grid");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        none.setId("tokens-none");
        listStatus.setId("tokens-status");
        listStatus.getElement().setAttribute("role", "status");

        mailLanguage.setId("mail-language");
        mailLanguage.setWidth("24rem");
        mailLanguage.setItems("fr", "en");
        mailLanguage.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                setMailLanguage(e.getValue());
            }
        });
        languageStatus.setId("mail-language-status");
        languageStatus.getElement().setAttribute("role", "status");
        languageErrors.field("language", mailLanguage);
        PortalSession.actor().ifPresent(actor -> PlatformServices.current().get(IdentityService.class)
                .ifPresent(identity -> mailLanguage.setValue(identity.language(actor))));

        add(title, intro, createTitle, form, create, errors.area(), secretPanel, listTitle, listStatus, grid, none,
                languageTitle, mailLanguage, languageStatus, languageErrors.area());
        texts();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
        refresh();
        // the language switch also sets the mail language: show it as it is now
        PortalSession.actor().ifPresent(actor -> PlatformServices.current().get(IdentityService.class)
                .ifPresent(identity -> mailLanguage.setValue(identity.language(actor))));
    }

    private void texts() {
        title.setText(getTranslation("tokens.title"));
        intro.setText(getTranslation("tokens.intro"));
        createTitle.setText(getTranslation("tokens.create.title"));
        name.setLabel(getTranslation("tokens.name"));
        name.setHelperText(getTranslation("tokens.name.help"));
        scopes.setLabel(getTranslation("tokens.scopes"));
        scopes.setItemLabelGenerator(s -> getTranslation("tokens.scope." + s.name()));
        scopes.setHelperText(getTranslation("tokens.scopes.help"));
        expiry.setLabel(getTranslation("tokens.expiry"));
        expiry.setHelperText(getTranslation("tokens.expiry.help"));
        expiry.setLocale(getLocale());
        expiry.setMin(LocalDate.now(Display.PARIS).plusDays(1));
        create.setText(getTranslation("tokens.create"));
        secretTitle.setText(secretName == null ? "" : getTranslation("tokens.secret.title", secretName));
        secret.setLabel(getTranslation("tokens.secret"));
        secret.setHelperText(getTranslation("tokens.secret.help"));
        secretPanel.getElement().setAttribute("aria-label", getTranslation("tokens.secret"));
        copy.setText(getTranslation("tokens.secret.copy"));
        copied.setText("");
        listTitle.setText(getTranslation("tokens.list.title"));
        none.setText(getTranslation("tokens.none"));
        languageTitle.setText(getTranslation("tokens.mailLanguage.title"));
        mailLanguage.setLabel(getTranslation("tokens.mailLanguage"));
        mailLanguage.setHelperText(getTranslation("tokens.mailLanguage.help"));
        mailLanguage.setItemLabelGenerator(l -> getTranslation("tokens.mailLanguage." + l));
        columns();
    }

    private void columns() {
        grid.removeAllColumns();
        grid.addComponentColumn(t -> {
            Span s = new Span(t.name());
            s.addClassName("token");
            s.getElement().setAttribute("data-token", Long.toString(t.id()));
            return s;
        }).setHeader(getTranslation("tokens.column.name")).setAutoWidth(true);
        grid.addComponentColumn(t -> {
            Span s = new Span(t.prefix() + "…");
            s.setId("token-prefix-" + t.id());
            s.getStyle().set("font-family", "monospace");
            return s;
        }).setHeader(getTranslation("tokens.column.prefix")).setAutoWidth(true);
        grid.addColumn(t -> t.scopes().stream().sorted().map(s -> getTranslation("tokens.scope." + s.name()))
                .collect(Collectors.joining(", "))).setHeader(getTranslation("tokens.column.scopes")).setAutoWidth(true);
        grid.addColumn(t -> Display.dateTime(getLocale(), t.createdAt())).setHeader(getTranslation("tokens.column.created"));
        grid.addColumn(t -> t.expiresAt() == null ? getTranslation("tokens.never") : Display.date(getLocale(), t.expiresAt()))
                .setHeader(getTranslation("tokens.column.expires"));
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("tokens.neverUsed") : Display.dateTime(getLocale(), t.lastUsedAt()))
                .setHeader(getTranslation("tokens.column.lastUsed"));
        grid.addComponentColumn(t -> {
            String state = state(t);
            Span s = new Span(getTranslation("tokens.state." + state));
            s.setId("token-state-" + t.id());
            s.getElement().setAttribute("data-state", state);
            s.getElement().getThemeList().add("badge" + ("ACTIVE".equals(state) ? " success" : " contrast"));
            return s;
        }).setHeader(getTranslation("tokens.column.state")).setAutoWidth(true);
        grid.addComponentColumn(t -> {
            if (!"ACTIVE".equals(state(t))) {
                return new Span();
            }
            Button revoke = new Button(getTranslation("tokens.revoke"), e -> confirmRevoke(t));
            revoke.setId("token-revoke-" + t.id());
            revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
            revoke.getElement().setAttribute("aria-label", getTranslation("tokens.revoke.label", t.name()));
            return revoke;
        }).setHeader(getTranslation("tokens.column.actions")).setAutoWidth(true);
    }

    private static String state(ApiToken t) {
        if (t.revokedAt() != null) {
            return "REVOKED";
        }
        return t.activeAt(Instant.now()) ? "ACTIVE" : "EXPIRED";
    }

    private void create() {
        errors.clear();
        Optional<ApiTokenService> service = tokens();
        if (service.isEmpty()) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        LocalDate until = expiry.getValue();
        // valid through the chosen day, Paris time
        Instant expiresAt = until == null ? null : until.atTime(23, 59, 59).atZone(Display.PARIS).toInstant();
        try {
            ApiTokenService.NewApiToken created = service.get().create(PortalSession.require(), name.getValue(),
                    scopes.getValue(), expiresAt);
            secretName = created.token().name();
            secret.setValue(created.secret());
            secretTitle.setText(getTranslation("tokens.secret.title", secretName));
            copied.setText("");
            secretPanel.setVisible(true);
            name.clear();
            expiry.clear();
            scopes.setValue(EnumSet.of(ApiScope.READ));
            refresh();
            secret.focus();
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        }
    }

    private void confirmRevoke(ApiToken t) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-revoke");
        dialog.setHeader(getTranslation("tokens.revoke.title", t.name()));
        dialog.setText(getTranslation("tokens.revoke.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("queue.cancel"));
        dialog.setConfirmText(getTranslation("tokens.revoke"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> {
            try {
                tokens().orElseThrow(() -> new IllegalStateException("ApiTokenService unavailable"))
                        .revoke(PortalSession.require(), t.id());
                listStatus.setText(getTranslation("tokens.revoked", t.name()));
            } catch (GuichetsException ex) {
                listStatus.setText(Errors.text(ex, getLocale()));
            }
            refresh();
        });
        dialog.open();
    }

    private void refresh() {
        Actor actor = PortalSession.require();
        Optional<ApiTokenService> service = tokens();
        if (service.isEmpty()) {
            listStatus.setText(getTranslation("portal.unavailable"));
            grid.setItems(List.of());
            return;
        }
        try {
            List<ApiToken> list = service.get().list(actor);
            grid.setItems(list);
            grid.setVisible(!list.isEmpty());
            none.setVisible(list.isEmpty());
        } catch (GuichetsException e) {
            listStatus.setText(Errors.text(e, getLocale()));
        }
    }

    private void setMailLanguage(String language) {
        languageErrors.clear();
        Optional<IdentityService> identity = PlatformServices.current().get(IdentityService.class);
        if (identity.isEmpty()) {
            languageErrors.show(getTranslation("portal.unavailable"));
            return;
        }
        try {
            identity.get().setLanguage(PortalSession.require(), language);
            languageStatus.setText(getTranslation("tokens.mailLanguage.saved." + language));
        } catch (GuichetsException e) {
            languageErrors.show(e, getLocale());
        }
    }

    private static Optional<ApiTokenService> tokens() {
        return PlatformServices.current().get(ApiTokenService.class);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tokens.pageTitle");
    }
}

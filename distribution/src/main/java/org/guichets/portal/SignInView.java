package org.guichets.portal;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;

/** Sign-in: email and password; then back to the page that asked for it. */
@Route(value = "connexion", layout = PortalLayout.class)
public final class SignInView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle, LocaleChangeObserver {

    /** Query parameter: where to go once signed in. */
    static final String CONTINUE = "suite";

    private final H1 title = new H1();
    private final EmailField email = new EmailField();
    private final PasswordField password = new PasswordField();
    private final Button submit = new Button();
    private final RouterLink signUp = new RouterLink("", SignUpView.class);
    private final Paragraph noAccount = new Paragraph();
    private final Errors errors = new Errors();
    private String continueTo = "";

    public SignInView() {
        setId("sign-in");
        setMaxWidth("32rem");
        email.setId("email");
        email.setRequiredIndicatorVisible(true);
        email.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.USERNAME);
        password.setId("password");
        password.setRequiredIndicatorVisible(true);
        password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.CURRENT_PASSWORD);
        submit.setId("sign-in-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> signIn());
        errors.field("email", email).field("password", password);
        signUp.setId("go-sign-up");
        signUp.getStyle().set("text-decoration", "underline");
        FormLayout form = new FormLayout(email, password);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(title, errors.area(), form, submit, new Paragraph(noAccount, signUp));
        texts();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        continueTo = AccessGuard.safeContinue(event.getLocation().getQueryParameters().getParameters().get(CONTINUE));
        if (PortalSession.actor().isPresent()) {
            event.forwardTo(continueTo.isEmpty() ? "" : continueTo);
        }
    }

    private void signIn() {
        IdentityService identity = PlatformServices.current().get(IdentityService.class).orElse(null);
        if (identity == null) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        try {
            Actor actor = identity.authenticate(email.getValue().strip(), password.getValue().toCharArray());
            PortalSession.signIn(actor);
            UI.getCurrent().navigate(continueTo.isEmpty() ? landing(actor) : continueTo);
        } catch (GuichetsException e) {
            password.clear();
            errors.show(e, getLocale());
        }
    }

    /** Where a sign-in with no address to go back to leads: the agency's staff to their workspace. */
    static String landing(Actor actor) {
        if (actor.has(org.guichets.api.identity.PlatformRole.REVIEWER) || actor.has(org.guichets.api.identity.PlatformRole.COMMITTEE)) {
            return "agence/instruction";
        }
        return actor.has(org.guichets.api.identity.PlatformRole.ADMIN) ? "agence/administration" : "";
    }

    private void texts() {
        title.setText(getTranslation("signIn.title"));
        email.setLabel(getTranslation("signIn.email"));
        password.setLabel(getTranslation("signIn.password"));
        submit.setText(getTranslation("signIn.submit"));
        noAccount.setText(getTranslation("signIn.noAccount") + " ");
        signUp.setText(getTranslation("signIn.signUp"));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("signIn.pageTitle");
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.LegalForm;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.OrganizationRole;

/**
 * Sign-up: the person, the role chosen in the company; a mandataire creates the company
 * with its SIRET, a responsable or a salarié asks to join an existing one, which its mandataire
 * approves.
 */
@Route(value = "inscription", layout = PortalLayout.class)
public final class SignUpView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final H1 title = new H1();
    private final TextField displayName = new TextField();
    private final EmailField email = new EmailField();
    private final PasswordField password = new PasswordField();
    private final RadioButtonGroup<OrganizationRole> role = new RadioButtonGroup<>();
    private final H2 companyTitle = new H2();
    private final Paragraph companyIntro = new Paragraph();
    private final TextField siret = new TextField();
    private final TextField legalName = new TextField();
    private final ComboBox<LegalForm> legalForm = new ComboBox<>();
    private final TextField street = new TextField();
    private final TextField postalCode = new TextField();
    private final TextField city = new TextField();
    private final TextField country = new TextField();
    private final TextField legalRepresentative = new TextField();
    private final FormLayout companyFields = new FormLayout();
    private final Button submit = new Button();
    private final Div done = new Div();
    private final Errors errors = new Errors();

    public SignUpView() {
        setId("sign-up");
        setMaxWidth("48rem");
        displayName.setId("display-name");
        email.setId("email");
        password.setId("password");
        password.setAutocomplete(com.vaadin.flow.component.textfield.Autocomplete.NEW_PASSWORD);
        role.setId("role");
        role.setItems(OrganizationRole.values());
        role.addValueChangeListener(e -> showCompany());
        siret.setId("siret");
        siret.setMaxLength(20);
        legalName.setId("legal-name");
        legalForm.setId("legal-form");
        legalForm.setItems(LegalForm.all());
        legalForm.setItemLabelGenerator(f -> f.code() + " – " + f.label());
        street.setId("street");
        postalCode.setId("postal-code");
        city.setId("city");
        country.setId("country");
        country.setValue("FR");
        legalRepresentative.setId("legal-representative");
        for (var f : new com.vaadin.flow.component.HasValue<?, ?>[] {displayName, email, password, siret, legalName, legalForm,
                street, postalCode, city, country, legalRepresentative}) {
            f.setRequiredIndicatorVisible(true);
        }
        role.setRequiredIndicatorVisible(true);
        errors.field("displayName", displayName).field("email", email).field("password", password).field("role", role)
                .field("siret", siret).field("legalName", legalName).field("legalForm", legalForm)
                .field("headOffice.street", street).field("headOffice.postalCode", postalCode).field("headOffice.city", city)
                .field("headOffice.country", country).field("legalRepresentative", legalRepresentative);
        FormLayout person = new FormLayout(displayName, email, password, role);
        person.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        person.setColspan(role, 2);
        companyFields.add(siret, legalName, legalForm, legalRepresentative, street, postalCode, city, country);
        companyFields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        submit.setId("sign-up-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> signUp());
        done.setId("sign-up-done");
        done.getElement().setAttribute("role", "status");
        add(title, errors.area(), person, companyTitle, companyIntro, companyFields, submit, done);
        texts();
        showCompany();
    }

    /** A mandataire creates its company; anyone else names the company to join by its SIRET. */
    private void showCompany() {
        boolean creates = role.getValue() == null || role.getValue() == OrganizationRole.MANDATAIRE;
        for (var f : new com.vaadin.flow.component.Component[] {legalName, legalForm, street, postalCode, city, country,
                legalRepresentative}) {
            f.setVisible(creates);
        }
        companyTitle.setText(getTranslation(creates ? "signUp.company.create" : "signUp.company.join"));
        companyIntro.setText(getTranslation(creates ? "signUp.company.createIntro" : "signUp.company.joinIntro"));
    }

    private void signUp() {
        IdentityService identity = PlatformServices.current().get(IdentityService.class).orElse(null);
        if (identity == null) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        NewAccount account = new NewAccount(email.getValue().strip(), displayName.getValue().strip(),
                password.getValue().toCharArray(), role.getValue());
        try {
            if (role.getValue() == null || role.getValue() == OrganizationRole.MANDATAIRE) {
                Account created = identity.registerOrganization(new NewOrganization(legalName.getValue().strip(),
                        siret.getValue().replaceAll("\\s", ""), legalForm.getValue() == null ? "" : legalForm.getValue().code(),
                        new Address(street.getValue().strip(), postalCode.getValue().strip(), city.getValue().strip(),
                                country.getValue().strip().toUpperCase(java.util.Locale.ROOT)),
                        legalRepresentative.getValue().strip()), account);
                PortalSession.signIn(identity.authenticate(created.email(), password.getValue().toCharArray()));
                UI.getCurrent().navigate(ProductsView.class);
            } else {
                identity.requestToJoin(siret.getValue().replaceAll("\\s", ""), account);
                errors.clear();
                done.setText(getTranslation("signUp.pending"));
                submit.setEnabled(false);
            }
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        }
    }

    private void texts() {
        title.setText(getTranslation("signUp.title"));
        displayName.setLabel(getTranslation("signUp.displayName"));
        email.setLabel(getTranslation("signUp.email"));
        password.setLabel(getTranslation("signUp.password"));
        password.setHelperText(getTranslation("signUp.password.help"));
        role.setLabel(getTranslation("signUp.role"));
        role.setItemLabelGenerator(r -> getTranslation("role." + r.name()));
        siret.setLabel(getTranslation("signUp.siret"));
        siret.setHelperText(getTranslation("signUp.siret.help"));
        legalName.setLabel(getTranslation("signUp.legalName"));
        legalForm.setLabel(getTranslation("signUp.legalForm"));
        street.setLabel(getTranslation("signUp.street"));
        postalCode.setLabel(getTranslation("signUp.postalCode"));
        city.setLabel(getTranslation("signUp.city"));
        country.setLabel(getTranslation("signUp.country"));
        legalRepresentative.setLabel(getTranslation("signUp.legalRepresentative"));
        submit.setText(getTranslation("signUp.submit"));
        showCompany();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("signUp.pageTitle");
    }
}

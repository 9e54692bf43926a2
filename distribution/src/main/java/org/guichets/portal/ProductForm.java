package org.guichets.portal;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;

/**
 * A new product: name, version, NIL, responsable, description, certifications and the
 * dispositifs of interest; required fields marked. The service validates; its refusals show on
 * their fields and nothing typed is lost.
 */
final class ProductForm extends Composite<Div> {

    private final TextField name = new TextField();
    private final TextField version = new TextField();
    private final TextField nil = new TextField();
    private final ComboBox<Account> responsable = new ComboBox<>();
    private final TextArea description = new TextArea();
    private final TextArea certifications = new TextArea();
    private final CheckboxGroup<SchemeInterest> interests = new CheckboxGroup<>();
    private final Errors errors = new Errors();

    ProductForm(Actor actor, Consumer<Product> created) {
        Div root = getContent();
        root.setId("product-form");
        name.setId("product-name");
        version.setId("product-version");
        nil.setId("product-nil");
        responsable.setId("product-responsable");
        description.setId("product-description");
        certifications.setId("product-certifications");
        interests.setId("product-interests");
        name.setLabel(getTranslation("product.name"));
        version.setLabel(getTranslation("product.version"));
        nil.setLabel(getTranslation("product.nil"));
        nil.setHelperText(getTranslation("product.nil.help"));
        responsable.setLabel(getTranslation("product.responsable"));
        description.setLabel(getTranslation("product.description"));
        certifications.setLabel(getTranslation("product.certifications"));
        interests.setLabel(getTranslation("product.interests"));
        interests.setItems(SchemeInterest.values());
        interests.setItemLabelGenerator(i -> getTranslation("interest." + i.name()));
        for (var f : List.of(name, version, description)) {
            f.setRequiredIndicatorVisible(true);
        }
        responsable.setRequiredIndicatorVisible(true);
        responsable.setItemLabelGenerator(Account::displayName);
        List<Account> members = PlatformServices.current().get(IdentityService.class)
                .map(s -> s.members(actor, actor.organizationId())).orElse(List.of()).stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE).toList();
        responsable.setItems(members);
        members.stream().filter(a -> a.id() == actor.accountId()).findFirst().ifPresent(responsable::setValue);
        errors.field("name", name).field("softwareVersion", version).field("nil", nil).field("responsableId", responsable)
                .field("description", description).field("certifications", certifications).field("interests", interests);
        FormLayout form = new FormLayout(name, version, nil, responsable, description, certifications, interests);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        form.setColspan(description, 2);
        form.setColspan(certifications, 2);
        form.setColspan(interests, 2);
        Button save = new Button(getTranslation("product.create"), e -> {
            try {
                ProductService products = PlatformServices.current().get(ProductService.class)
                        .orElseThrow(() -> new IllegalStateException("unavailable"));
                Product p = products.create(actor, new ProductDraft(name.getValue().strip(), version.getValue().strip(),
                        nil.getValue().isBlank() ? null : nil.getValue().strip(),
                        responsable.getValue() == null ? null : responsable.getValue().id(), description.getValue().strip(),
                        certifications.getValue().isBlank() ? null : certifications.getValue().strip(),
                        interests.getValue().isEmpty() ? EnumSet.noneOf(SchemeInterest.class) : EnumSet.copyOf(interests.getValue())));
                errors.clear();
                created.accept(p);
            } catch (GuichetsException ex) {
                errors.show(ex, getLocale());
            } catch (IllegalStateException ex) {
                errors.show(getTranslation("portal.unavailable"));
            }
        });
        save.setId("product-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        root.add(new H2(getTranslation("product.new")), errors.area(), form, save);
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;

/**
 * The colleagues who may act on the candidature's product (R-12): listed, added from the company's
 * active members, removed; the service decides who may change the list.
 */
final class CollaboratorsPanel extends Composite<Div> {

    private final Actor actor;
    private final long productId;
    private final Errors errors = new Errors();

    CollaboratorsPanel(Actor actor, long productId) {
        this.actor = actor;
        this.productId = productId;
        getContent().setId("collaborators");
        render();
    }

    private void render() {
        Div root = getContent();
        root.removeAll();
        root.add(new H2(getTranslation("form.collaborators")), errors.area());
        ProductService products = PlatformServices.current().get(ProductService.class).orElse(null);
        IdentityService identity = PlatformServices.current().get(IdentityService.class).orElse(null);
        if (products == null || identity == null || actor.organizationId() == null) {
            return;
        }
        Product product = products.get(actor, productId);
        List<Account> members = identity.members(actor, actor.organizationId()).stream()
                .filter(a -> a.status() == AccountStatus.ACTIVE).toList();
        Map<Long, Account> byId = members.stream().collect(Collectors.toMap(Account::id, Function.identity()));
        UnorderedList list = new UnorderedList();
        list.setId("collaborator-list");
        if (product.collaboratorIds().isEmpty()) {
            list.add(new ListItem(getTranslation("form.collaborators.none")));
        }
        for (Long id : product.collaboratorIds()) {
            Account a = byId.get(id);
            String name = a == null ? "#" + id : a.displayName();
            Button remove = new Button(getTranslation("form.collaborators.remove", name), e -> change(() -> products.removeCollaborator(actor,
                    productId, id)));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            ListItem item = new ListItem(new Span(name + " "), remove);
            item.addClassName("collaborator");
            list.add(item);
        }
        ComboBox<Account> add = new ComboBox<>(getTranslation("form.collaborators.add"));
        add.setId("collaborator-add");
        add.setItems(members.stream().filter(a -> a.id() != product.responsableId() && !product.collaboratorIds().contains(a.id()))
                .toList());
        add.setItemLabelGenerator(Account::displayName);
        errors.field("accountId", add);
        Button confirm = new Button(getTranslation("form.collaborators.addButton"), e -> {
            if (add.getValue() != null) {
                change(() -> products.addCollaborator(actor, productId, add.getValue().id()));
            }
        });
        confirm.setId("collaborator-confirm");
        root.add(list, new Div(add, confirm));
    }

    private void change(Runnable action) {
        try {
            action.run();
            errors.clear();
            render();
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        }
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.List;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.identity.Actor;

/** The company's product catalogue: search, and add a product. */
@Route(value = "produits", layout = PortalLayout.class)
@SignInRequired
public final class ProductsView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final TextField search = new TextField();
    private final UnorderedList list = new UnorderedList();
    private final Div formSlot = new Div();
    private final H1 title = new H1();
    private final Button add = new Button();

    public ProductsView() {
        setId("products");
        setPadding(false);
        search.setId("product-search");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        list.setId("product-list");
        add.addClickListener(e -> showForm());
        add.setId("product-add");
        add(title, search, list, add, formSlot);
        texts();
    }

    private void texts() {
        title.setText(getTranslation("products.title"));
        search.setLabel(getTranslation("products.search"));
        add.setText(getTranslation("products.add"));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        refresh();
    }

    private void showForm() {
        formSlot.removeAll();
        formSlot.add(new ProductForm(PortalSession.require(), p -> {
            formSlot.removeAll();
            refresh();
        }));
    }

    private void refresh() {
        Actor actor = PortalSession.require();
        List<Product> products = PlatformServices.current().get(ProductService.class)
                .map(s -> s.search(actor, search.getValue(), 0, 100).items()).orElse(List.of());
        list.removeAll();
        if (products.isEmpty()) {
            list.add(new ListItem(new Paragraph(getTranslation("products.none"))));
        }
        for (Product p : products) {
            ListItem item = new ListItem();
            item.addClassName("product");
            item.getElement().setAttribute("data-product", Long.toString(p.id()));
            Span name = new Span(p.name());
            name.getStyle().set("font-weight", "600");
            item.add(name, new Span(" · " + getTranslation("products.version", p.softwareVersion())));
            if (p.nil() != null) {
                item.add(new Span(" · NIL " + p.nil()));
            }
            list.add(item);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("products.pageTitle");
    }
}

package org.guichets.portal;

import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import java.util.List;
import java.util.Optional;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * A démarche chosen: pick a product of the catalogue, or create one on the
 * spot, and add it to the guichet: the candidature is created and the product gets its NRU.
 */
@Route(value = "demarche/:dispositif/:guichet", layout = PortalLayout.class)
@SignInRequired
public final class DemarcheView extends VerticalLayout implements com.vaadin.flow.router.AfterNavigationObserver, BeforeEnterObserver, HasDynamicTitle, LocaleChangeObserver {

    private final H1 title = new H1();
    private final Paragraph intro = new Paragraph();
    private final TextField search = new TextField();
    private final RadioButtonGroup<Product> products = new RadioButtonGroup<>();
    private final Button create = new Button();
    private final Button newProduct = new Button();
    private final Div formSlot = new Div();
    private final Errors errors = new Errors();
    private Dispositif dispositif;
    private Guichet guichet;

    public DemarcheView() {
        setId("demarche");
        setPadding(false);
        search.setId("product-search");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh(null));
        products.setId("product-choice");
        products.setItemLabelGenerator(p -> p.name() + " " + p.softwareVersion());
        create.setId("candidature-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> createCandidature());
        newProduct.setId("product-add");
        newProduct.addClickListener(e -> {
            formSlot.removeAll();
            formSlot.add(new ProductForm(PortalSession.require(), p -> {
                formSlot.removeAll();
                refresh(p);
            }));
        });
        errors.field("productId", products);
        add(title, intro, errors.area(), search, products, create, newProduct, formSlot);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String d = event.getRouteParameters().get("dispositif").orElse("");
        String g = event.getRouteParameters().get("guichet").orElse("");
        dispositif = PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(d))
                .filter(Dispositif::isActive).orElse(null);
        guichet = dispositif == null ? null : dispositif.guichet(g).orElse(null);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        texts();
        refresh(null);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
    }

    private void texts() {
        boolean known = guichet != null;
        title.setText(known ? dispositif.name().get(getLocale()) + " – " + guichet.name().get(getLocale())
                : getTranslation("parcours.unknown.title"));
        intro.setText(getTranslation(known ? "demarche.intro" : "demarche.unknown"));
        search.setLabel(getTranslation("products.search"));
        products.setLabel(getTranslation("demarche.choose"));
        create.setText(getTranslation("demarche.create"));
        newProduct.setText(getTranslation("demarche.newProduct"));
        for (var c : List.of(search, products, create, newProduct)) {
            c.setVisible(known);
        }
    }

    private void refresh(Product select) {
        Actor actor = PortalSession.require();
        List<Product> found = PlatformServices.current().get(ProductService.class)
                .map(s -> s.search(actor, search.getValue(), 0, 100).items()).orElse(List.of());
        products.setItems(found);
        Optional.ofNullable(select).flatMap(p -> found.stream().filter(x -> x.id() == p.id()).findFirst())
                .ifPresent(products::setValue);
    }

    private void createCandidature() {
        if (products.getValue() == null) {
            products.setErrorMessage(getTranslation("demarche.choose.required"));
            products.setInvalid(true);
            return;
        }
        try {
            CandidatureService service = PlatformServices.current().get(CandidatureService.class)
                    .orElseThrow(() -> new IllegalStateException("unavailable"));
            Candidature c = service.create(PortalSession.require(), products.getValue().id(), dispositif.id(), guichet.id());
            UI.getCurrent().navigate(CandidatureView.class, new RouteParameters("number", c.number()));
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        } catch (IllegalStateException e) {
            errors.show(getTranslation("portal.unavailable"));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("demarche.pageTitle");
    }
}

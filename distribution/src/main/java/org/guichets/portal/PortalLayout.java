package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import java.util.Locale;
import java.util.Objects;
import org.guichets.api.identity.Actor;

/**
 * The frame of every portal page: the brand, the navigation (parcours; for a signed-in vendor its
 * products; for every signed-in user its API tokens), the language switch, who is signed in and the sign-out; the page itself in the one
 * {@code <main>} landmark.
 */
public final class PortalLayout extends VerticalLayout implements RouterLayout, LocaleChangeObserver {

    private final RouterLink brand = new RouterLink("Guichets", HomeView.class);
    private final Nav nav = new Nav();
    private final Div account = new Div();
    private final Button language = new Button();
    private final Main main = new Main();

    public PortalLayout() {
        setPadding(true);
        brand.setId("brand");
        brand.getStyle().set("font-weight", "700").set("font-size", "var(--lumo-font-size-xl)").set("text-decoration", "none");
        language.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        language.setId("language-switch");
        language.addClickListener(e -> {
            UI ui = UI.getCurrent();
            Locale chosen = Locale.FRENCH.equals(ui.getLocale()) ? Locale.ENGLISH : Locale.FRENCH;
            PortalInitListener.choose(ui, chosen);
            // a signed-in user's mails follow the language they read the portal in
            PortalSession.actor().ifPresent(actor -> PlatformServices.current().get(org.guichets.api.identity.IdentityService.class)
                    .ifPresent(identity -> identity.setLanguage(actor, chosen.getLanguage())));
            // a page that cannot redraw itself in the new language is loaded again (the choice is in the session)
            boolean redraws = ui.getInternals().getActiveRouterTargetsChain().stream().findFirst()
                    .filter(t -> t instanceof LocaleChangeObserver).isPresent();
            if (!redraws) {
                ui.getPage().reload();
            }
        });
        nav.getStyle().set("display", "flex").set("gap", "var(--lumo-space-m)").set("flex-grow", "1");
        account.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center");
        Header header = new Header(brand, nav, account, language);
        header.getStyle().set("display", "flex").set("gap", "var(--lumo-space-l)").set("align-items", "center")
                .set("width", "100%").set("flex-wrap", "wrap");
        main.setWidthFull();
        main.getStyle().set("max-width", "72rem");
        add(header, main);
        setAlignItems(FlexComponent.Alignment.STRETCH);
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        main.removeAll();
        if (content != null) {
            main.getElement().appendChild(Objects.requireNonNull(content.getElement()));
        }
        render();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        render();
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        render();
    }

    /** Draws the header again (after a page changed what it shows: messages read…). */
    public void refresh() {
        render();
    }

    private void render() {
        language.setText(getTranslation("language.switch"));
        language.getElement().setAttribute("lang", getTranslation("language.switch.lang"));
        nav.removeAll();
        account.removeAll();
        RouterLink parcours = new RouterLink(getTranslation("nav.parcours"), HomeView.class);
        parcours.setId("nav-parcours");
        nav.add(parcours);
        java.util.Optional<Actor> actor = PortalSession.actor();
        if (actor.isPresent()) {
            if (actor.get().organizationId() != null) {
                RouterLink products = new RouterLink(getTranslation("nav.products"), ProductsView.class);
                products.setId("nav-products");
                int unread = PlatformServices.current().get(org.guichets.api.candidature.ConversationService.class)
                        .map(s -> s.unreadCount(actor.get())).orElse(0);
                RouterLink candidatures = new RouterLink(unread == 0 ? getTranslation("nav.candidatures")
                        : getTranslation("nav.candidatures.unread", unread), CandidaturesView.class);
                candidatures.setId("nav-candidatures");
                nav.add(products, candidatures);
                if (actor.get().organizationRole() != null && actor.get().organizationRole().managesAccounts()) {
                    RouterLink company = new RouterLink(getTranslation("nav.company"), CompanyView.class);
                    company.setId("nav-company");
                    nav.add(company);
                }
            }
            Actor a = actor.get();
            if (a.has(org.guichets.api.identity.PlatformRole.REVIEWER) || a.has(org.guichets.api.identity.PlatformRole.COMMITTEE)) {
                RouterLink queue = new RouterLink(getTranslation("nav.instruction"), QueueView.class);
                queue.setId("nav-instruction");
                nav.add(queue);
            }
            if (a.has(org.guichets.api.identity.PlatformRole.ADMIN)) {
                RouterLink admin = new RouterLink(getTranslation("nav.administration"), AdminPluginsView.class);
                admin.setId("nav-administration");
                nav.add(admin);
            }
            RouterLink tokens = new RouterLink(getTranslation("nav.tokens"), TokensView.class);
            tokens.setId("nav-tokens");
            nav.add(tokens);
            Span who = new Span(actor.get().displayName());
            who.setId("signed-in-as");
            Button signOut = new Button(getTranslation("nav.signOut"), e -> PortalSession.signOut(UI.getCurrent()));
            signOut.setId("sign-out");
            signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            account.add(who, signOut);
        } else {
            RouterLink signIn = new RouterLink(getTranslation("nav.signIn"), SignInView.class);
            signIn.setId("sign-in-link");
            RouterLink signUp = new RouterLink(getTranslation("nav.signUp"), SignUpView.class);
            signUp.setId("sign-up-link");
            account.add(signIn, signUp);
        }
    }
}

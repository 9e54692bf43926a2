package org.guichets.e2e;

import org.openqa.selenium.By;

/** Page objects of the candidate portal, one per screen, over {@link Vaadin}. */
public final class PortalPages {

    private PortalPages() {}

    /** /inscription. */
    public record SignUp(Vaadin ui) {
        public SignUp open(String base) {
            ui.driver().get(base + "/inscription");
            ui.await(By.id("sign-up"));
            return this;
        }

        /** A mandataire creating its company. */
        public void asMandataire(String name, String email, String password, String siret, String company) {
            ui.type("display-name", name);
            ui.type("email", email);
            ui.type("password", password);
            ui.pick("role", "Mandataire");
            ui.type("siret", siret);
            ui.type("legal-name", company);
            ui.choose("legal-form", "5710");
            ui.type("legal-representative", name);
            ui.type("street", "1 rue de la Paix");
            ui.type("postal-code", "75002");
            ui.type("city", "Paris");
            ui.click("sign-up-submit");
        }
    }

    /** /connexion. */
    public record SignIn(Vaadin ui) {
        public void as(String email, String password) {
            ui.await(By.id("sign-in"));
            ui.type("email", email);
            ui.type("password", password);
            ui.click("sign-in-submit");
        }
    }

    /** /produits. */
    public record Products(Vaadin ui) {
        public void add(String name, String version, String description) {
            ui.click("product-add");
            ui.type("product-name", name);
            ui.type("product-version", version);
            ui.type("product-description", description);
            ui.click("product-save");
            ui.awaitText("product-list", name);
        }
    }

    /** /candidature/{number}. */
    public record Candidature(Vaadin ui) {
        public String number() {
            return ui.text("candidature-number");
        }

        public String nru() {
            return ui.text("nru");
        }

        public String stepState(String step) {
            return ui.await(By.cssSelector("li.step[data-step='" + step + "']")).getAttribute("data-state");
        }
    }

    /** /candidature/{number}/formulaire. */
    public record Form(Vaadin ui) {
        public String completion() {
            return ui.text("completion");
        }

        public String state() {
            return ui.await(By.id("form-state")).getAttribute("data-state");
        }
    }
}

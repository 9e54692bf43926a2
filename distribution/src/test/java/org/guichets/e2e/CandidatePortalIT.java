package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * End to end, in headless Chromium, the vendor's first steps as the guide shows them: sign-up of a
 * mandataire with its company, a product, the EDC PSC parcours and its "En savoir
 * plus", a Guichet Editeur candidature with its NRU and number, the
 * administrative form pre-filled, checked field by field in words, NIE and NIL required with ELU,
 * then submitted; another company's user is denied the same addresses, and a page
 * asked for signed out comes back after sign-in.
 */
public class CandidatePortalIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "un mot de passe assez long";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aVendorSignsUpAddsAProductAppliesAndSubmitsItsFormAndNobodyElseSeesIt() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (GuichetsProcess guichets = GuichetsProcess.start(work)) {
            String base = guichets.url("");
            WebDriver driver = Browser.start(work.resolve("chromium"));
            try {
                Vaadin ui = new Vaadin(driver, WAIT);
                driver.get(base + "/connexion");
                ui.await(By.id("sign-in"));
                assertEquals("sign-in page", List.of(), Axe.seriousViolations(driver));
                new PortalPages.SignUp(ui).open(base);
                assertEquals("sign-up page", List.of(), Axe.seriousViolations(driver));
                new PortalPages.SignUp(ui).asMandataire("Jeanne Martin", "jeanne@acme-sante.fr", PASSWORD,
                        "73282932000074", "Acme Santé");
                ui.awaitPath("/produits");
                assertEquals("Jeanne Martin", ui.text("signed-in-as"));
                new PortalPages.Products(ui).add("Agenda Santé", "2.1", "Agenda partagé des cabinets");

                // the parcours, its presentation, the démarche
                ui.click("nav-parcours");
                ui.await(By.id("more-edc-psc"));
                assertEquals("dashboard", List.of(), Axe.seriousViolations(driver));
                ui.click("more-edc-psc");
                assertTrue(ui.text("presentation"), ui.text("presentation").contains("Pro Santé Connect"));
                ui.click("start-editeur");
                ui.pick("product-choice", "Agenda Santé");
                ui.click("candidature-create");

                // the candidature, its number and NRU, the form open first
                PortalPages.Candidature candidature = new PortalPages.Candidature(ui);
                String number = candidature.number();
                assertTrue(number, number.matches("[A-Z]{10}"));
                assertTrue(candidature.nru(), !candidature.nru().isBlank());
                assertEquals("IN_PROGRESS", candidature.stepState("FORM"));
                assertEquals("LOCKED", candidature.stepState("EVIDENCE"));
                ui.click("open-form");

                // pre-filled from the company, the account and the product
                PortalPages.Form form = new PortalPages.Form(ui);
                assertEquals("Acme Santé", ui.valueOf("field-companyName"));
                assertEquals("73282932000074", ui.valueOf("field-siret"));
                assertEquals("Agenda Santé", ui.valueOf("field-softwareName"));
                assertEquals("jeanne@acme-sante.fr", ui.valueOf("field-contactEmail"));
                String before = form.completion();
                assertEquals("form page", List.of(), Axe.seriousViolations(driver));

                // a wrong value is refused in words, on its field, and stays as typed
                ui.type("field-contactEmail", "pas-un-courriel");
                assertEquals("« pas-un-courriel » n'est pas une adresse électronique valide.", ui.errorOf("field-contactEmail"));
                assertEquals("pas-un-courriel", ui.valueOf("field-contactEmail"));
                ui.type("field-contactEmail", "contact@acme-sante.fr");

                // ELU asks NIE and NIL; the profile choice warns it is final
                ui.pick("field-profiles", "ELU");
                assertTrue(ui.text("field-profiles").contains("ne pourra plus être modifié"));
                ui.type("field-datapass", "DP-2026-0042");
                ui.type("field-clientIdBas", "bas-agenda-42");
                ui.choose("field-architecture", "web");
                ui.date("field-plannedDeposit", "15/01/2027");
                ui.type("field-additionalComponents", "aucun");
                ui.click("form-submit");
                assertEquals("Ce champ est obligatoire.", ui.errorOf("field-nie"));
                assertEquals("Ce champ est obligatoire.", ui.errorOf("field-nil"));
                ui.type("field-nie", "NIE-ACME-01");
                ui.type("field-nil", "NIL-AGENDA");
                ui.awaitText("completion", "100 %");
                assertTrue(before, !before.contains("100 %"));
                ui.click("form-submit");
                ui.awaitText("form-state", "Soumise");
                assertEquals("SUBMITTED", form.state());

                // English by the switch, on any page; French again
                ui.click("language-switch");
                ui.awaitText("form-state", "Submitted");
                assertTrue(ui.page(), ui.page().contains("Administrative form"));
                ui.click("language-switch");
                ui.awaitText("form-state", "Soumise");

                // another company: the same addresses answer as for a number that does not exist
                ui.click("sign-out");
                ui.await(By.id("sign-in-link"));
                new PortalPages.SignUp(ui).open(base).asMandataire("Paul Durand", "paul@autre.fr", PASSWORD, "55210055400013",
                        "Autre Éditeur");
                ui.awaitPath("/produits");
                for (String path : new String[] {"/candidature/" + number, "/candidature/" + number + "/formulaire",
                        "/candidature/" + number + "/preuves", "/candidature/" + number + "/preuves/test-intrusion",
                        "/candidature/" + number + "/messages"}) {
                    driver.get(base + path);
                    assertEquals("La candidature « " + number + " » est introuvable, ou vous n'y avez pas accès.", ui.text("denied"));
                }

                // a salarié asks to join the company; its mandataire approves; then it signs in
                ui.click("sign-out");
                ui.await(By.id("sign-in-link"));
                new PortalPages.SignUp(ui).open(base);
                ui.type("display-name", "Luc Petit");
                ui.type("email", "luc@acme-sante.fr");
                ui.type("password", PASSWORD);
                ui.pick("role", "Salarié");
                ui.type("siret", "73282932000074");
                ui.click("sign-up-submit");
                ui.awaitText("sign-up-done", "le mandataire de votre entreprise doit approuver votre compte");
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("luc@acme-sante.fr", PASSWORD);
                assertEquals("Votre compte attend l'approbation du mandataire de votre entreprise.",
                        ui.awaitText("sign-in", "attend l'approbation").lines().filter(l -> l.contains("attend")).findFirst().orElse(""));
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("jeanne@acme-sante.fr", PASSWORD);
                ui.click("nav-company");
                ui.await(By.cssSelector("li.member[data-status='PENDING_APPROVAL'] vaadin-button")).click();
                ui.awaitGone(By.cssSelector("li.member[data-status='PENDING_APPROVAL']"));
                ui.click("sign-out");
                ui.await(By.id("sign-in-link"));
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("luc@acme-sante.fr", PASSWORD);
                assertEquals("Luc Petit", ui.text("signed-in-as"));

                // signed out, a page asks for sign-in and comes back to it; with the keyboard only
                ui.click("sign-out");
                ui.await(By.id("sign-in-link"));
                driver.get(base + "/candidature/" + number);
                ui.await(By.id("sign-in"));
                ui.tabTo("email");
                ui.keys("jeanne@acme-sante.fr");
                ui.tabTo("password");
                ui.keys(PASSWORD, org.openqa.selenium.Keys.ENTER);
                ui.awaitPath("/candidature/" + number);
                ui.tabTo("open-form");
                ui.keys(org.openqa.selenium.Keys.ENTER);
                ui.awaitPath("/candidature/" + number + "/formulaire");
                ui.tabTo("back-to-candidature");
                ui.keys(org.openqa.selenium.Keys.ENTER);
                ui.awaitPath("/candidature/" + number);
                assertEquals(number, candidature.number());
                assertEquals("SUBMITTED", candidature.stepState("FORM"));

                // the form lists who may act on the product; the mandataire adds the approved colleague
                ui.click("open-form");
                ui.awaitText("collaborator-list", "Jeanne Martin");
                ui.choose("collaborator-add", "Luc");
                ui.click("collaborator-confirm");
                ui.awaitText("collaborator-list", "Luc Petit");
            } finally {
                driver.quit();
            }
        }
    }
}

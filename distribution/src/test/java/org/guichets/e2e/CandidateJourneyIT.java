package org.guichets.e2e;

import static org.guichets.e2e.Embedded.await;
import static org.guichets.e2e.Embedded.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.CommitteeService;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.PlatformRole;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The whole vendor journey in the browser, with the agency acting through the services in the
 * same run (Guichets embedded in the test's JVM, with the demonstration signing key): a vendor's
 * Guichet Editeur candidature from the submitted form to the evidence of every chapter (R-15 to
 * R-17), the authorisation whose tile waits for Prérequis Maturité Technique (R-18) then is
 * downloaded, the habilitation downloaded (R-21) — both verified by pdfsig —, then the Opérateur
 * desk, where the habilitation uploaded with the form is verified by its signature (R-13, R-22).
 */
public class CandidateJourneyIT {

    private static final Duration WAIT = Embedded.WAIT;
    private static final String PASSWORD = "un mot de passe assez long";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void fromTheFormToTheHabilitationThenTheOperatorDesk() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (Main.Embedded guichets = Embedded.start(work)) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(services, IdentityService.class);
            await(services, FormService.class);
            Embedded.awaitEdcPsc(services);
            Actor reviewer = Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount("instructeur@agence.example",
                    "Instructeur", PASSWORD.toCharArray(), null), Set.of(PlatformRole.REVIEWER)));
            Actor college = Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount("college@agence.example",
                    "Collège", PASSWORD.toCharArray(), null), Set.of(PlatformRole.COMMITTEE)));
            String base = "http://localhost:" + guichets.port();
            Path downloads = work.resolve("downloads");
            WebDriver driver = Browser.start(work.resolve("chromium"), downloads);
            try {
                Vaadin ui = new Vaadin(driver, WAIT);
                driver.get(base + "/");
                ui.await(By.id("more-edc-psc"));
                ui.screenshot("01-parcours");
                new PortalPages.SignUp(ui).open(base);
                ui.screenshot("02-inscription");
                new PortalPages.SignUp(ui).asMandataire("Jeanne Martin", "jeanne@acme-sante.fr", PASSWORD,
                        "73282932000074", "Acme Santé");
                ui.awaitPath("/produits");
                Actor vendor = identity.authenticate("jeanne@acme-sante.fr", PASSWORD.toCharArray());
                new PortalPages.Products(ui).add("Agenda Santé", "2.1", "Agenda partagé des cabinets");
                String number = apply(ui, base, "editeur");
                ui.screenshot("03-candidature");
                ui.click("open-form");
                ui.pick("field-profiles", "ELU");
                ui.pick("field-profiles", "ELP");
                fill(ui, Map.of("field-nie", "NIE-ACME-01", "field-nil", "NIL-AGENDA", "field-datapass", "DP-2026-0042",
                        "field-clientIdBas", "bas-agenda-42", "field-additionalComponents", "aucun"));
                ui.choose("field-architecture", "web");
                ui.date("field-plannedDeposit", "15/01/2027");
                ui.screenshot("04-formulaire");
                ui.click("form-submit");
                ui.awaitText("form-state", "Soumise");

                // the reviewer writes: the header tells, the conversation shows it, read once shown
                org.guichets.api.candidature.ConversationService conversations =
                        await(services, org.guichets.api.candidature.ConversationService.class);
                conversations.post(reviewer, number, "Bonjour, nous instruisons votre formulaire.");
                driver.get(base + "/candidatures");
                ui.awaitText("nav-candidatures", "1 message(s) non lu(s)");
                driver.get(base + "/candidature/" + number + "/messages");
                ui.awaitText("messages", "Bonjour, nous instruisons votre formulaire.");
                assertTrue("read once shown: the header says so at once", !ui.text("nav-candidatures").contains("non lu"));
                ui.type("message-body", "Merci, nous restons disponibles.");
                ui.click("message-send");
                ui.awaitText("messages", "Merci, nous restons disponibles.");
                assertEquals(0, conversations.unreadCount(vendor));
                assertEquals(2, conversations.read(reviewer, number).messages().size());

                // the reviewer validates the form: the evidence step opens
                FormService forms = await(services, FormService.class);
                forms.validate(reviewer, number, forms.get(reviewer, number).version());
                driver.get(base + "/candidature/" + number + "/preuves");
                ui.awaitText("evidence-counters", "0/7 chapitres soumis dont 0 validés");
                assertEquals("R-18: the authorisation waits", "En attente : veuillez compléter le chapitre de preuves Prérequis Maturité Technique.",
                        tileState(ui, "deliverable-autorisation-tests"));
                assertEquals("evidence page", List.of(), Axe.seriousViolations(driver));
                ui.screenshot("05-preuves");

                // Prérequis first, as the guide advises: every piece in the browser, then reviewed
                EvidenceService evidence = await(services, EvidenceService.class);
                deposit(ui, base, evidence, vendor, number, "prerequis-maturite", work);
                review(evidence, reviewer, number, "prerequis-maturite");
                driver.get(base + "/candidature/" + number + "/preuves");
                ui.awaitText("evidence-counters", "1/7 chapitres soumis dont 1 validés");
                DeliverableService deliverables = await(services, DeliverableService.class);
                IssuedDeliverable authorisation = eventually("the authorisation signed", () -> deliverables.forCandidature(vendor, number)
                        .stream().filter(d -> d.status() == DeliverableStatus.VALID).findFirst());
                driver.get(base + "/candidature/" + number + "/preuves");
                ui.click("download-" + authorisation.id());
                Path authorisationPdf = downloaded(downloads, authorisation.id());
                assertSignatureValid(authorisationPdf);

                for (String chapter : List.of("outil-conformite", "process-developpement", "architecture-inventaire",
                        "analyse-risques", "plan-assurance-securite", "test-intrusion")) {
                    deposit(ui, base, evidence, vendor, number, chapter, work);
                    review(evidence, reviewer, number, chapter);
                }
                await(services, CommitteeService.class).decide(college, number, DecisionOutcome.FAVOURABLE, "Conforme", List.of());
                IssuedDeliverable habilitation = eventually("the habilitation signed", () -> deliverables.forCandidature(vendor, number)
                        .stream().filter(d -> d.kind().equals("habilitation") && d.status() == DeliverableStatus.VALID).findFirst());
                driver.get(base + "/candidature/" + number);
                ui.await(By.cssSelector("li.deliverable[data-kind='habilitation'][data-status='VALID']"));
                ui.screenshot("07-habilitation");
                ui.click("download-" + habilitation.id());
                Path habilitationPdf = downloaded(downloads, habilitation.id());
                assertSignatureValid(habilitationPdf);

                // R-22, R-13: the Opérateur desk, the habilitation deposited with the form and verified
                String operator = apply(ui, base, "operateur");
                ui.click("open-form");
                ui.pick("field-profiles", "OpSU");
                ui.pick("field-profiles", "OpSP");
                ui.choose("field-proxyOperator", "que j");
                // the authorisation is not a habilitation: refused with the reason, then removed
                ui.upload("piece-EDC-OP-HAB-01-hab-elu-upload", authorisationPdf);
                ui.awaitText("piece-EDC-OP-HAB-01-hab-elu", "Ce document n'est pas du type attendu.");
                ui.await(By.cssSelector("#piece-EDC-OP-HAB-01-hab-elu li.file vaadin-button")).click();
                ui.awaitGone(By.cssSelector("#piece-EDC-OP-HAB-01-hab-elu li.file"));
                ui.upload("piece-EDC-OP-HAB-01-hab-elu-upload", habilitationPdf);
                String verdict = ui.awaitText("piece-EDC-OP-HAB-01-hab-elu", "Habilitation " + habilitation.id() + " valide");
                assertTrue(verdict, verdict.contains("✓"));
                ui.upload("piece-EDC-OP-HAB-02-hab-elp-upload", habilitationPdf);
                ui.awaitText("piece-EDC-OP-HAB-02-hab-elp", "Habilitation " + habilitation.id() + " valide");
                ui.screenshot("08-operateur-habilitations");
                fill(ui, Map.of("field-datapass", "DP-2026-0077", "field-clientIdProduction", "prod-agenda-42",
                        "field-additionalComponents", "aucun"));
                ui.choose("field-operatorIsEditor", "Oui");
                ui.choose("field-architecture", "web");
                ui.date("field-plannedDeposit", "15/02/2027");
                ui.click("form-submit");
                ui.awaitText("form-state", "Soumise");
                forms.validate(reviewer, operator, forms.get(reviewer, operator).version());
            } finally {
                driver.quit();
            }
        }
    }

    /** From the dashboard to a new candidature of the product on a desk; answers its number. */
    private static String apply(Vaadin ui, String base, String guichet) {
        ui.driver().get(base + "/parcours/edc-psc");
        ui.click("start-" + guichet);
        ui.pick("product-choice", "Agenda Santé");
        ui.click("candidature-create");
        return new PortalPages.Candidature(ui).number();
    }

    private static void fill(Vaadin ui, Map<String, String> values) {
        values.forEach(ui::type);
    }

    private static String tileState(Vaadin ui, String tile) {
        return ui.await(By.cssSelector("section[data-chapter='" + tile + "'] .tile-state")).getText();
    }

    /** Uploads a fitting file to every piece of the chapter in the browser, then submits it there. */
    private static void deposit(Vaadin ui, String base, EvidenceService evidence, Actor vendor, String number, String chapter,
            Path work) throws IOException, InterruptedException {
        ui.driver().get(base + "/candidature/" + number + "/preuves/" + chapter);
        ChapterView view = evidence.chapter(vendor, number, chapter);
        if (chapter.equals("test-intrusion")) {
            // R-16, R-20: the pen-test form's template, from the plugin, for the auditor to fill
            ui.click("piece-EDC-TI-01-formulaire-template");
            Path template = eventually("the template", () -> Optional.of(work.resolve("downloads")
                    .resolve("formulaire-test-intrusion-v1.csv")).filter(Files::isRegularFile).filter(f -> f.toFile().length() > 100));
            assertTrue(Files.readString(template, StandardCharsets.UTF_8).contains("Référence;Point de contrôle;Sévérité;Résultat"));
        }
        for (Requirement r : view.requirements()) {
            for (EvidenceSpec e : r.evidence()) {
                String id = ("piece-" + r.ref() + "-" + e.id()).replaceAll("[^A-Za-z0-9_-]", "-");
                Path file = Pieces.file(work, e);
                ui.upload(id + "-upload", file);
                ui.await(By.cssSelector("#" + id + " li.file"));
            }
        }
        if (chapter.equals("test-intrusion")) {
            ui.screenshot("06-chapitre-test-intrusion");
        }
        ui.click("chapter-submit");
        ui.await(By.cssSelector("#chapter-state[data-state='SUBMITTED']"));
    }

    private static void review(EvidenceService evidence, Actor reviewer, String number, String chapter) {
        Pieces.conform(evidence, reviewer, number, chapter);
    }

    private static Path downloaded(Path dir, String id) throws InterruptedException {
        Path file = dir.resolve(id + ".pdf");
        return eventually("the download of " + id, () -> Files.isRegularFile(file) && file.toFile().length() > 1000
                ? Optional.of(file) : Optional.empty());
    }

    private static void assertSignatureValid(Path pdf) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("pdfsig", pdf.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("pdfsig not found: install the Debian package poppler-utils", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        assertTrue(out, out.contains("Signature is Valid."));
    }
}

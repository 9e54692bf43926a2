package org.guichets.e2e;

import static org.guichets.e2e.Embedded.await;
import static org.guichets.e2e.Embedded.eventually;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.ReviewQueue;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The agency's side of the desk in the browser, with the candidate acting through the services in
 * the same run (Guichets embedded in the test's JVM): a reviewer returns a form with a comment on
 * one field, validates it once corrected, claims a submitted chapter, returns one evidence with a
 * comment, validates the chapter once the candidate replaced it (R-17); the committee decides
 * favourably with a reservation and the signed habilitation appears (R-21); an administrator
 * uploads a plugin jar that a second open administrator session sees without reloading, stops,
 * starts and uninstalls it. A reviewer cannot reach the administration, a candidate none of the
 * workspaces.
 */
public class AgencyWorkspacesIT {

    private static final Duration WAIT = Embedded.WAIT;
    private static final String PASSWORD = "un mot de passe assez long";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void reviewersCommitteeAndAdministratorsAtTheirDesks() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (Main.Embedded guichets = Embedded.start(work)) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(services, IdentityService.class);
            FormService forms = await(services, FormService.class);
            EvidenceService evidence = await(services, EvidenceService.class);
            Embedded.awaitEdcPsc(services);
            staff(identity, "ines@agence.example", "Inès Instructrice", PlatformRole.REVIEWER);
            Actor reviewer = identity.authenticate("ines@agence.example", PASSWORD.toCharArray());
            staff(identity, "paul@agence.example", "Paul Relecteur", PlatformRole.REVIEWER);
            staff(identity, "claire@agence.example", "Claire Collège", PlatformRole.COMMITTEE);
            staff(identity, "ada@agence.example", "Ada Admin", PlatformRole.ADMIN);
            staff(identity, "alan@agence.example", "Alan Admin", PlatformRole.ADMIN);

            // the candidate, through the services: company, product, candidature, form submitted
            identity.registerOrganization(new NewOrganization("Acme Santé", "73282932000074", "5710",
                    new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                    new NewAccount("jeanne@acme-sante.fr", "Jeanne Martin", PASSWORD.toCharArray(), null));
            Actor vendor = identity.authenticate("jeanne@acme-sante.fr", PASSWORD.toCharArray());
            long product = await(services, ProductService.class).create(vendor, new ProductDraft("Agenda Santé", "2.1", "NIL-AGENDA",
                    vendor.accountId(), "Agenda partagé des cabinets", null, Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC))).id();
            String number = await(services, org.guichets.api.candidature.CandidatureService.class)
                    .create(vendor, product, "edc-psc", "editeur").number();
            forms.submit(vendor, number, forms.save(vendor, number, forms.get(vendor, number).version(), Map.of("profiles", "ELU",
                    "nie", "NIE-ACME-00", "nil", "NIL-AGENDA", "datapass", "DP-2026-0042", "clientIdBas", "bas-agenda-42",
                    "additionalComponents", "aucun", "architecture", "web", "plannedDeposit", "2027-01-15")).version());

            String base = "http://localhost:" + guichets.port();
            WebDriver driver = Browser.start(work.resolve("chromium-a"), work.resolve("downloads"));
            WebDriver second = null;
            try {
                Vaadin ui = new Vaadin(driver, WAIT);
                // not signed in: the workspaces send to the sign-in page
                driver.get(base + "/agence/instruction");
                ui.await(By.id("sign-in"));
                new PortalPages.SignIn(ui).as("ines@agence.example", PASSWORD);
                ui.awaitPath("/agence/instruction");
                ui.await(By.id("open-" + number));
                ui.awaitText("queue-total", "1 candidature");
                assertEquals("queue page", List.of(), Axe.seriousViolations(driver));
                ui.screenshot("10-file-instruction");

                // the form: returned with a remark on one field, then validated once corrected
                ui.click("open-" + number);
                ui.awaitPath("/agence/candidature/" + number);
                ui.awaitText("value-nie", "NIE-ACME-00");
                ui.type("comment-nie", "Ce NIE ne correspond pas à l'annuaire.");
                ui.click("form-return");
                ui.await(By.cssSelector("#form-review[data-state='RETURNED']"));
                assertEquals("Ce NIE ne correspond pas à l'annuaire.", forms.get(vendor, number).fieldComments().get("nie"));
                assertEquals("instruction page", List.of(), Axe.seriousViolations(driver));
                forms.submit(vendor, number, forms.save(vendor, number, forms.get(vendor, number).version(),
                        Map.of("nie", "NIE-ACME-01")).version());
                driver.navigate().refresh();
                ui.awaitText("value-nie", "NIE-ACME-01");
                ui.click("form-validate");
                ui.await(By.cssSelector("#form-review[data-state='VALIDATED']"));

                // a chapter submitted: claimed from the queue, one evidence returned with a comment
                Pieces.deposit(evidence, vendor, number, "prerequis-maturite", work);
                driver.get(base + "/agence/instruction");
                ui.click("claim-" + number);
                ui.await(By.xpath("//*[@data-number='" + number + "']//*[contains(@class,'assignee') and text()='Inès Instructrice']"));
                ReviewQueue queue = await(services, ReviewQueue.class);
                assertEquals("R-17: held by the reviewer", Long.valueOf(reviewer.accountId()),
                        queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0).assigneeId());
                ui.click("open-" + number);
                ui.click("review-prerequis-maturite");
                ui.await(By.cssSelector("#review-state[data-state='SUBMITTED']"));
                List<EvidenceFile> files = evidence.chapter(reviewer, number, "prerequis-maturite").files();
                EvidenceFile bad = files.get(0);
                ui.await(By.cssSelector("#preview-" + bad.id() + " vaadin-details-summary")).click();
                WebElement preview = ui.await(By.cssSelector("#file-" + bad.id() + " iframe.preview"));
                assertTrue("the PDF is shown in the page", preview.getAttribute("src").contains("VAADIN/dynamic"));
                for (EvidenceFile f : files) {
                    ui.pick("verdict-" + f.id(), f.id() == bad.id() ? "Non conforme" : "Conforme");
                }
                ui.type("verdict-comment-" + bad.id(), "La capture est illisible.");
                ui.screenshot("11-revue-chapitre");
                ui.click("review-submit");
                ui.await(By.cssSelector("#review-state[data-state='RETURNED']"));
                assertEquals("La capture est illisible.", evidence.chapter(vendor, number, "prerequis-maturite").files().stream()
                        .filter(f -> f.id() == bad.id()).findFirst().orElseThrow().comment());

                // the candidate replaces it; the reviewer validates the chapter
                evidence.deleteFile(vendor, number, bad.id());
                Path replacement = Pieces.write(work, "capture-nette.pdf", "%PDF-1.7\n2 0 obj << >> endobj\n%%EOF\n");
                try (InputStream in = Files.newInputStream(replacement)) {
                    evidence.upload(vendor, number, "prerequis-maturite", bad.requirementRef(), bad.evidenceId(), "capture-nette.pdf", in);
                }
                evidence.submit(vendor, number, "prerequis-maturite",
                        evidence.chapter(vendor, number, "prerequis-maturite").progress().version());
                driver.navigate().refresh();
                ui.await(By.cssSelector("#review-state[data-state='SUBMITTED']"));
                ChapterView resubmitted = evidence.chapter(reviewer, number, "prerequis-maturite");
                EvidenceFile fresh = resubmitted.files().stream().filter(f -> f.verdict() == null).findFirst().orElseThrow();
                ui.pick("verdict-" + fresh.id(), "Conforme");
                ui.click("review-submit");
                ui.await(By.cssSelector("#review-state[data-state='VALIDATED']"));

                // a reviewer does not reach the administration
                driver.get(base + "/agence/administration");
                ui.await(By.id("access-denied"));
                assertTrue(driver.findElements(By.id("nav-administration")).isEmpty());

                // the other chapters through the services, then the committee decides in the browser
                for (String chapter : evidence.deposit(vendor, number).chapters().stream()
                        .filter(p -> p.state() == org.guichets.api.candidature.ChapterState.TO_COMPLETE)
                        .map(org.guichets.api.candidature.ChapterProgress::chapterId).toList()) {
                    Pieces.deposit(evidence, vendor, number, chapter, work);
                    Pieces.conform(evidence, reviewer, number, chapter);
                }
                signOut(ui);
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("claire@agence.example", PASSWORD);
                ui.awaitPath("/agence/instruction");
                ui.await(By.id("open-" + number)).click();
                ui.pick("decision-outcome", "avec réserves");
                ui.type("decision-reason", "Conforme au référentiel v1.");
                ui.type("reservation-text-1", "Fournir le rapport de test d'intrusion de la version 2.2");
                ui.type("reservation-owner-1", "Jeanne Martin");
                ui.date("reservation-due-1", LocalDate.now(ZoneId.of("Europe/Paris")).plusMonths(6)
                        .format(DateTimeFormatter.ofPattern("dd/MM/yyyy")));
                ui.screenshot("12-decision");
                ui.click("decision-submit");
                ui.await(By.cssSelector("#decision-taken[data-outcome='FAVOURABLE_WITH_RESERVATIONS']"));
                DeliverableService deliverables = await(services, DeliverableService.class);
                eventually("the habilitation signed", () -> deliverables.forCandidature(vendor, number)
                        .stream().filter(d -> d.kind().equals("habilitation") && d.status() == DeliverableStatus.VALID).findFirst());
                driver.navigate().refresh();
                ui.await(By.cssSelector("li.deliverable[data-kind='habilitation'][data-status='VALID']"));
                ui.await(By.cssSelector("#history li[data-action='decision.taken']"));
                signOut(ui);

                // a candidate reaches none of the workspaces
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("jeanne@acme-sante.fr", PASSWORD);
                ui.awaitText("signed-in-as", "Jeanne Martin");
                for (String path : List.of("/agence/instruction", "/agence/candidature/" + number,
                        "/agence/candidature/" + number + "/chapitre/prerequis-maturite", "/agence/administration",
                        "/agence/administration/comptes")) {
                    driver.get(base + path);
                    ui.await(By.id("access-denied"));
                }
                assertTrue(driver.findElements(By.id("nav-instruction")).isEmpty());
                try {
                    queue.queue(vendor, QueueFilter.all(), 0, 10);
                    throw new AssertionError("the service let a candidate read the queue");
                } catch (AccessDeniedException expected) {
                    // the service refuses as the page does
                }
                signOut(ui);

                // two administrators: one uploads a plugin, the other sees it arrive without reloading
                driver.get(base + "/connexion");
                new PortalPages.SignIn(ui).as("ada@agence.example", PASSWORD);
                ui.awaitPath("/agence/administration");
                ui.await(By.id("plugin-upload"));
                second = Browser.start(work.resolve("chromium-b"), work.resolve("downloads-b"));
                Vaadin other = new Vaadin(second, WAIT);
                second.get(base + "/connexion");
                new PortalPages.SignIn(other).as("alan@agence.example", PASSWORD);
                other.awaitPath("/agence/administration");
                other.await(By.id("plugins"));
                ((JavascriptExecutor) second).executeScript("window.__notReloaded = true;");
                By sample = By.cssSelector("li.plugin[data-plugin='org.guichets.sample']");
                By sampleActive = By.cssSelector("li.plugin[data-plugin='org.guichets.sample'][data-state='ACTIVE']");
                By sampleStopped = By.cssSelector("li.plugin[data-plugin='org.guichets.sample'][data-state='RESOLVED']");
                assertTrue(driver.findElements(sample).isEmpty());

                // a file that is not a bundle is refused with the reason, and nothing reaches deploy/
                ui.upload("plugin-upload", Pieces.write(work, "notes.jar", "pas un jar"));
                ui.awaitText("plugin-status", "Ce fichier n'est pas un plugin");
                try (var listing = Files.list(work.resolve("deploy"))) {
                    assertEquals(List.of(), listing.map(p -> p.getFileName().toString()).toList());
                }
                ui.upload("plugin-upload", GuichetsProcess.samplePlugin());
                other.await(sampleActive);
                assertTrue("the second session's text names the scheme", other.text("plugins").contains("exemple (actif)"));
                ui.await(sampleActive);
                assertTrue(Files.isRegularFile(work.resolve("deploy").resolve("org.guichets.sample.jar")));
                ((JavascriptExecutor) driver).executeScript("const i = document.getElementById('plugin-upload').shadowRoot"
                        + ".querySelector('input[type=file]') || document.querySelector('#plugin-upload input[type=file]');"
                        + " if (i) { i.style.display = 'none'; }");
                ui.screenshot("13-plugins");
                assertEquals("plugins page", List.of(), Axe.seriousViolations(driver));

                ui.click("plugin-stop-org-guichets-sample");
                other.await(sampleStopped);
                eventually("the scheme withdrawn", () -> services.get(DispositifRegistry.class)
                        .filter(r -> r.find("exemple").isEmpty()));
                Thread.sleep(1500); // several FileInstall polls: a stopped plugin stays stopped
                assertFalse(driver.findElements(sampleStopped).isEmpty());
                ui.click("plugin-start-org-guichets-sample");
                other.await(sampleActive);

                ui.click("plugin-uninstall-org-guichets-sample");
                ui.await(By.cssSelector("vaadin-confirm-dialog[opened], vaadin-confirm-dialog-overlay[opened]"));
                ui.await(By.cssSelector("vaadin-button[slot='confirm-button']")).click();
                other.awaitGone(sample);
                ui.awaitGone(sample);
                assertFalse(Files.exists(work.resolve("deploy").resolve("org.guichets.sample.jar")));
                assertEquals("no session lost, no reload", Boolean.TRUE,
                        ((JavascriptExecutor) second).executeScript("return window.__notReloaded === true;"));
                assertEquals("Alan Admin", other.text("signed-in-as"));
                assertEquals("Ada Admin", ui.text("signed-in-as"));
                Actor ada = identity.authenticate("ada@agence.example", PASSWORD.toCharArray());
                List<String> audited = await(services, org.guichets.api.audit.AuditTrail.class)
                        .history(ada, "plugin", "org.guichets.sample").stream().map(e -> e.action()).toList();
                assertEquals(List.of("plugin.stopped", "plugin.started", "plugin.uninstalled"), audited);

                // the referential of the desk, read-only
                driver.get(base + "/agence/administration/referentiels");
                ui.await(By.cssSelector(".referential-chapter[data-chapter='prerequis-maturite']"));
                ui.await(By.cssSelector(".referential-requirement[data-ref='EDC.PMT.01']"));

                // the PASSI providers: a bad line is named and nothing changes; a good list replaces it
                driver.get(base + "/agence/administration/listes");
                eventually("the PASSI list shown", () -> Optional.of(ui.valueOf("reference-entries")).filter(v -> v.contains("Synacktiv")));
                org.guichets.api.reference.ReferenceList passi = services.all(org.guichets.api.reference.ReferenceList.class)
                        .stream().filter(l -> l.id().equals("edc-psc.passi-providers")).findFirst().orElseThrow();
                int providers = passi.entries().size();
                String kept = ui.valueOf("reference-entries");
                ui.type("reference-entries", kept + "Nouveau PASSI ; 123456789 ; fin 2030\n");
                ui.click("reference-save");
                ui.awaitText("admin-passi-page", "n'est pas une date");
                assertEquals(providers, passi.entries().size());
                ui.type("reference-entries", kept + "Nouveau PASSI ; 123456789 ; 2030-12-31\n");
                ui.click("reference-save");
                ui.awaitText("reference-status", "Liste enregistrée : " + (providers + 1));
                assertTrue(passi.entries().stream().anyMatch(e -> e.name().equals("Nouveau PASSI")
                        && LocalDate.of(2030, 12, 31).equals(e.validUntil())));

                // the habilitation revoked with a reason
                String habilitation = deliverables.forCandidature(ada, number).stream()
                        .filter(d -> d.kind().equals("habilitation")).findFirst().orElseThrow().id();
                driver.get(base + "/agence/administration/livrables");
                ui.type("deliverable-query", number);
                ui.click("deliverable-find");
                ui.click("revoke-" + habilitation);
                ui.type("revoke-reason", "Réserve non levée à l'échéance.");
                ui.click("revoke-confirm");
                ui.await(By.cssSelector("li.deliverable[data-id='" + habilitation + "'][data-status='REVOKED']"));
                assertEquals(DeliverableStatus.REVOKED, deliverables.get(ada, habilitation).status());

                // roles taken from the second administrator: its open session can no longer act
                driver.get(base + "/agence/administration/comptes");
                ui.type("accounts-search", "alan@");
                ui.awaitGone(By.id("disable-" + reviewer.accountId())); // the grid shows the search's answer
                Actor alan = identity.authenticate("alan@agence.example", PASSWORD.toCharArray());
                ui.click("roles-" + alan.accountId());
                ui.pick("account-roles", "Administrateur");
                ui.pick("account-roles", "Instructeur");
                ui.click("account-roles-save");
                eventually("Alan a reviewer", () -> Optional.of(identity.account(ada, alan.accountId()))
                        .filter(a -> a.platformRoles().equals(Set.of(PlatformRole.REVIEWER))));
                other.click("plugin-stop-org-guichets-edcpsc");
                other.awaitText("plugin-status", "Vous n'avez pas le droit de faire cela.");
                assertTrue("still running", services.get(DispositifRegistry.class).flatMap(r -> r.find("edc-psc")).isPresent());
                // the page itself closes within the session's re-reading period (10 s)
                WebDriver alanBrowser = second;
                eventually("Alan's page closed", () -> {
                    alanBrowser.get(base + "/agence/administration");
                    new org.openqa.selenium.support.ui.WebDriverWait(alanBrowser, WAIT).until(d -> !d.findElements(
                            By.id("access-denied")).isEmpty() || !d.findElements(By.id("plugins")).isEmpty());
                    if (!alanBrowser.findElements(By.id("access-denied")).isEmpty()) {
                        return Optional.of(true);
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Optional.empty();
                });

                // the audit trail verifies from the page
                driver.get(base + "/agence/administration/audit");
                ui.click("audit-verify");
                ui.await(By.cssSelector("#audit-result[data-intact='true']"));
            } finally {
                driver.quit();
                if (second != null) {
                    second.quit();
                }
            }
        }
    }

    /** Signs out and waits for the portal to say so, before the next address is typed. */
    private static void signOut(Vaadin ui) {
        ui.click("sign-out");
        ui.await(By.id("sign-in-link"));
    }

    private static void staff(IdentityService identity, String email, String name, PlatformRole role) {
        identity.createStaffAccount(Actor.system(), new NewAccount(email, name, PASSWORD.toCharArray(), null), Set.of(role));
    }
}

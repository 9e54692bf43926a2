package org.guichets.edcpsc.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.CommitteeService;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.EvidenceDeposit;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.StepState;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.check.CheckResult;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.descriptor.DispositifDescriptors;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.reference.ReferenceEntry;
import org.guichets.api.reference.ReferenceList;
import org.guichets.api.audit.AuditTrail;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The EDC PSC scheme in the container, with the whole platform (core, evidence store, signing with
 * the demonstration key) and its three bundles installed as an administrator deploys them: every
 * rule of the guide the plugins encode, at the service level, and the proofs that the scheme is a
 * plugin (removed, upgraded, extended by a third party while candidatures are in flight).
 *
 * <p>Self-contained, like the signing bundle's in-container test: Pax Exam's probe carries this
 * module's test classes only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EdcPscIT {

    private static final long TIMEOUT_MS = 30_000;
    private static final String PASSWORD = "a long enough password";
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String[] SCHEME = {"org.guichets.edcpsc", "org.guichets.edcpsc.editeur", "org.guichets.edcpsc.operateur"};

    @Inject
    private BundleContext context;

    private IdentityService identity;
    private ProductService products;
    private CandidatureService candidatures;
    private FormService forms;
    private EvidenceService evidence;
    private CommitteeService committee;
    private DeliverableService deliverables;
    private DispositifRegistry registry;
    private Actor reviewer;
    private Actor college;
    private Actor admin;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> bundles = new ArrayList<>();
        for (String path : System.getProperty("guichets.it.bundles", "").split(",")) {
            if (!path.isBlank()) {
                File f = new File(path.trim());
                if (!f.isFile()) {
                    throw new IllegalStateException("bundle file missing: " + f + " (run the in-container tests with mvn verify)");
                }
                bundles.add(bundle(f.toURI().toString()));
            }
        }
        return options(
                cleanCaches(true),
                systemTimeout(120_000),
                systemProperty("org.ops4j.pax.url.mvn.localRepository")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                systemProperty("org.ops4j.pax.url.mvn.repositories")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.repositories", "")),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                // the scheme's three jars, installed by the tests as an administrator deploys them
                systemProperty("guichets.it.scheme").value(System.getProperty("guichets.it.scheme", "")),
                frameworkProperty("felix.log.level").value("1"),
                systemPackage("sun.misc"),
                frameworkProperty("guichets.db.url").value("jdbc:h2:mem:guichets-edcpsc-it;DB_CLOSE_DELAY=-1"),
                frameworkProperty("guichets.data.dir").value(Files.createTempDirectory("guichets-edcpsc-it").toString()),
                frameworkProperty("guichets.demo").value("true"),
                frameworkProperty("guichets.publicUrl").value("https://guichets.example"),
                composite(bundles.toArray(Option[]::new)),
                junitBundles());
    }

    @Before
    public void deployTheScheme() throws Exception {
        for (String path : System.getProperty("guichets.it.scheme").split(",")) {
            File f = new File(path.trim());
            if (Optional.ofNullable(installed(symbolicName(f))).isEmpty()) {
                context.installBundle(f.toURI().toString()).start();
            }
        }
        for (String bsn : SCHEME) {
            Bundle b = installed(bsn);
            if (b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
        registry = service(DispositifRegistry.class);
        eventually("EDC PSC with both desks", () -> registry.find("edc-psc")
                .filter(d -> d.isActive() && d.guichet("editeur").isPresent() && d.guichet("operateur").isPresent()));
        identity = service(IdentityService.class);
        products = service(ProductService.class);
        candidatures = service(CandidatureService.class);
        forms = service(FormService.class);
        evidence = service(EvidenceService.class);
        committee = service(CommitteeService.class);
        deliverables = service(DeliverableService.class);
        service(ReferenceList.class);
        reviewer = staff("reviewer", PlatformRole.REVIEWER);
        college = staff("college", PlatformRole.COMMITTEE);
        admin = staff("admin", PlatformRole.ADMIN);
    }

    // ---------------------------------------------------------------------------------------------
    // the journey

    @Test
    public void r22anEditorsElupElpHabilitationOpensTheOperatorDeskWhichReachesItsOwnHabilitation() throws Exception {
        Company acme = company("Acme Santé", "73282932000074");
        long product = products.create(acme.actor, new ProductDraft("Agenda Santé", "2.1", "NIL-AGENDA", acme.account.id(),
                "Agenda partagé des cabinets", null, null)).id();

        // Guichet Editeur, ELU + ELP
        Candidature editor = candidatures.create(acme.actor, product, "edc-psc", "editeur");
        AdministrativeForm form = forms.get(acme.actor, editor.number());
        form = forms.save(acme.actor, editor.number(), form.version(), editorValues("ELU,ELP"));
        form = forms.submit(acme.actor, editor.number(), form.version());
        form = forms.validate(reviewer, editor.number(), form.version());
        assertEquals(Set.of("ELU", "ELP"), form.profiles());

        EvidenceDeposit deposit = evidence.deposit(acme.actor, editor.number());
        assertEquals("R-15: ELU and ELP chapters, each once", List.of("prerequis-maturite", "outil-conformite",
                "process-developpement", "architecture-inventaire", "analyse-risques", "plan-assurance-securite", "test-intrusion"),
                deposit.chapters().stream().map(ChapterProgress::chapterId).toList());

        // the authorisation waits for the Prérequis chapter, then comes signed, valid 3 months
        assertTrue(deliverables.forCandidature(acme.actor, editor.number()).isEmpty());
        org.guichets.api.Deliverable declared = registry.find("edc-psc").flatMap(d -> d.guichet("editeur")).orElseThrow()
                .deliverables().stream().filter(d -> "prerequis-maturite".equals(d.chapterValidated())).findFirst().orElseThrow();
        assertEquals("En attente : veuillez compléter le chapitre de preuves Prérequis Maturité Technique.",
                declared.waitingMessage().get(Locale.FRENCH));
        assertEquals(java.time.Period.ofMonths(3), declared.validity());
        complete(acme.actor, editor.number(), "prerequis-maturite", "2.1");
        IssuedDeliverable authorisation = eventually("R-18 authorisation", () -> deliverables.forCandidature(acme.actor, editor.number())
                .stream().filter(d -> d.kind().equals("test-access-authorization") && d.status() == DeliverableStatus.VALID).findFirst());
        assertEquals(LocalDate.ofInstant(authorisation.issuedAt(), ZoneId.of("Europe/Paris")).plusMonths(3),
                LocalDate.ofInstant(authorisation.expiresAt(), ZoneId.of("Europe/Paris")));

        Map<String, Integer> pieces = new LinkedHashMap<>();
        evidence.deposit(acme.actor, editor.number()).chapters().forEach(p -> pieces.put(p.chapterId(), p.expected()));
        assertEquals("R-15: the v1 referential's evidence counts, as the guide's screenshots show", Map.of(
                "prerequis-maturite", 9, "outil-conformite", 2, "process-developpement", 2, "architecture-inventaire", 7,
                "analyse-risques", 1, "plan-assurance-securite", 1, "test-intrusion", 2), pieces);
        for (ChapterProgress ch : evidence.deposit(acme.actor, editor.number()).chapters()) {
            if (ch.state() != org.guichets.api.candidature.ChapterState.VALIDATED) {
                complete(acme.actor, editor.number(), ch.chapterId(), "2.1");
            }
        }
        assertEquals(StepState.VALIDATED, candidatures.get(acme.actor, editor.number()).state(org.guichets.api.candidature.Step.EVIDENCE));
        committee.decide(college, editor.number(), DecisionOutcome.FAVOURABLE, "Conforme au référentiel v1", List.of());
        IssuedDeliverable editorHab = eventually("Editeur habilitation", () -> deliverables.forCandidature(acme.actor, editor.number())
                .stream().filter(d -> d.kind().equals("habilitation") && d.status() == DeliverableStatus.VALID).findFirst());
        assertEquals(List.of("ELP", "ELU"), editorHab.profiles().stream().sorted().toList());
        byte[] editorPdf = deliverables.pdf(acme.actor, editorHab.id());

        // what the habilitation states, valid 3 years
        assertEquals(LocalDate.ofInstant(editorHab.issuedAt(), ZoneId.of("Europe/Paris")).plusYears(3),
                LocalDate.ofInstant(editorHab.expiresAt(), ZoneId.of("Europe/Paris")));
        String text = text(editorPdf);
        for (String expected : List.of("Contact administratif", "Jeanne Martin", "Fait à", "Paris", "Date des tests de conformité",
                "Profil(s)", "ELU (Editeur de Logiciel Utilisateur)", "ELP (Editeur de logiciel Proxy e-santé)", "Agenda Santé", "2.1",
                "Client ID", "bas-agenda-42", "NRU", editor.nru(), "Valable jusqu'au")) {
            assertTrue("R-21: the habilitation states " + expected + ":\n" + text, text.contains(expected));
        }

        // Guichet Opérateur, the same company operates its software and its proxy (R-13: ELU and ELP)
        Candidature operator = candidatures.create(acme.actor, product, "edc-psc", "operateur");
        assertEquals("R-07: one NRU per product in the dispositif", editor.nru(), operator.nru());
        AdministrativeForm op = forms.get(acme.actor, operator.number());
        op = forms.save(acme.actor, operator.number(), op.version(), operatorValues("OpSP,OpSU", "candidat"));
        try {
            forms.submit(acme.actor, operator.number(), op.version());
            fail("R-13: submitted without the editor habilitations");
        } catch (ValidationException e) {
            assertEquals(List.of("habilitations-editeur/EDC.OP.HAB.01/hab-elu", "habilitations-editeur/EDC.OP.HAB.02/hab-elp"),
                    e.errors().stream().map(FieldError::field).toList());
        }
        EvidenceFile elu = evidence.upload(acme.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.01", "hab-elu",
                "habilitation-elu.pdf", new ByteArrayInputStream(editorPdf));
        assertEquals(CheckResult.Outcome.PASSED, single(elu).outcome());
        assertTrue(single(elu).summary().get(Locale.FRENCH), single(elu).summary().get(Locale.FRENCH)
                .startsWith("Habilitation " + editorHab.id() + " valide jusqu'au"));
        EvidenceFile elp = evidence.upload(acme.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.02", "hab-elp",
                "habilitation-elp.pdf", new ByteArrayInputStream(editorPdf));
        assertEquals(CheckResult.Outcome.PASSED, single(elp).outcome());
        op = forms.get(acme.actor, operator.number());
        op = forms.submit(acme.actor, operator.number(), op.version());
        op = forms.validate(reviewer, operator.number(), op.version());
        assertEquals(StepState.VALIDATED, op.state());
        assertEquals("R-15: OpSU and OpSP chapters, the habilitations went with the form", List.of("compatibilite-psc-cgu",
                "process-developpement", "architecture-inventaire", "analyse-risques", "chiffrement-protection",
                "plan-assurance-securite", "gestion-alertes", "tracabilite"),
                evidence.deposit(acme.actor, operator.number()).chapters().stream().map(ChapterProgress::chapterId).toList());
        assertEquals(1, evidence.deposit(acme.actor, operator.number()).chapters().get(0).expected());
        for (ChapterProgress ch : evidence.deposit(acme.actor, operator.number()).chapters()) {
            complete(acme.actor, operator.number(), ch.chapterId(), "2.1");
        }
        committee.decide(college, operator.number(), DecisionOutcome.FAVOURABLE, "Conforme", List.of());
        IssuedDeliverable operatorHab = eventually("Opérateur habilitation", () -> deliverables.forCandidature(acme.actor,
                operator.number()).stream().filter(d -> d.status() == DeliverableStatus.VALID).findFirst());
        assertEquals("habilitation", operatorHab.kind());
        assertEquals(List.of("OpSP", "OpSU"), operatorHab.profiles().stream().sorted().toList());
        assertTrue(text(deliverables.pdf(acme.actor, operatorHab.id())).contains("prod-agenda-42"));
    }

    // ---------------------------------------------------------------------------------------------
    // the forms

    @Test
    public void r09r10TheEditorFormIsPrefilledFromTheRecordsAndAsksNieAndNilWithElu() throws Exception {
        Company c = company("Cabinet Numérique", "55210055400013");
        long product = product(c, "Dossier Patient", "5.0", "DPI");
        Candidature cand = candidatures.create(c.actor, product, "edc-psc", "editeur");
        AdministrativeForm form = forms.get(c.actor, cand.number());
        assertEquals("Cabinet Numérique", form.values().get("companyName"));
        assertEquals("55210055400013", form.values().get("siret"));
        assertEquals("5710", form.values().get("legalForm"));
        assertEquals("1 rue de la Paix, 75002 Paris", form.values().get("headOffice"));
        assertEquals("Jeanne Martin", form.values().get("legalRepresentative"));
        assertEquals("Dossier Patient", form.values().get("softwareName"));
        assertEquals("5.0", form.values().get("softwareVersion"));
        assertEquals("it-" + "55210055400013" + "@example.fr", form.values().get("contactEmail"));

        Map<String, String> values = editorValues("ELU");
        values.remove("nie");
        values.remove("nil");
        form = forms.save(c.actor, cand.number(), form.version(), values);
        assertEquals(List.of("nie", "nil"), form.missing().stream().map(FieldError::field).toList());
        try {
            forms.submit(c.actor, cand.number(), form.version());
            fail("R-10: submitted without NIE and NIL");
        } catch (ValidationException e) {
            assertEquals(List.of("nie", "nil"), e.errors().stream().map(FieldError::field).toList());
        }
        form = forms.save(c.actor, cand.number(), form.version(), Map.of("profiles", "ELP"));
        assertTrue("R-10: not with ELP alone", form.missing().isEmpty());
        assertEquals(100, form.completionPercent());
        try {
            forms.save(c.actor, cand.number(), form.version(), Map.of("siret", "55210055400014"));
            fail("R-09: an invalid SIRET was accepted");
        } catch (ValidationException e) {
            assertEquals("siret", e.errors().get(0).field());
        }
    }

    @Test
    public void r11ProfilesAreFrozenOnceTheFormIsValidated() throws Exception {
        Company c = company("Profil Figé", "40483304800022");
        long product = product(c, "Figé", "1.0", "x");
        Candidature cand = candidatures.create(c.actor, product, "edc-psc", "editeur");
        AdministrativeForm form = forms.get(c.actor, cand.number());
        form = forms.save(c.actor, cand.number(), form.version(), editorValues("ELP"));
        form = forms.validate(reviewer, cand.number(), forms.submit(c.actor, cand.number(), form.version()).version());
        assertTrue(form.profilesFrozen());
        try {
            forms.save(c.actor, cand.number(), form.version(), Map.of("profiles", "ELU,ELP"));
            fail("R-11: profiles changed after validation");
        } catch (InvalidTransitionException expected) {
            assertEquals(Set.of("ELP"), forms.get(c.actor, cand.number()).profiles());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the checks

    @Test
    public void r19r20TheChecksRunOnUploadAndTheirSummaryIsKeptWithTheFile() throws Exception {
        Company c = company("Proxy Conseil", "80295478500027");
        long product = product(c, "Passerelle", "3.0", "Proxy");
        Candidature cand = validatedEditor(c, product, "ELP");

        EvidenceFile report = evidence.upload(c.actor, cand.number(), "outil-conformite", "EDC.OC.01", "rapport-session", "rapport.json",
                new ByteArrayInputStream(report("FINISHED", "FAILURE").getBytes(StandardCharsets.UTF_8)));
        CheckResult r = single(report);
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("1", r.facts().get("checksFailed"));
        assertEquals("2026-10-02T14:03:11", r.facts().get("dateExecution"));

        EvidenceFile ineligible = evidence.upload(c.actor, cand.number(), "test-intrusion", "EDC.TI.01", "formulaire", "ti.csv",
                new ByteArrayInputStream(penTest("Synacktiv", "3.0", 1).getBytes(StandardCharsets.UTF_8)));
        assertEquals(CheckResult.Outcome.FAILED, single(ineligible).outcome());
        assertEquals("1 point(s) de sévérité haute KO : TI-01 (aucun n'est admis).",
                single(ineligible).details().get(0).get(Locale.FRENCH));
        // what the reviewer reads is what the candidate read
        ChapterView seen = evidence.chapter(reviewer, cand.number(), "test-intrusion");
        assertEquals(single(ineligible), single(seen.files().get(0)));

        // the PASSI list is reference data an administrator replaces, audited, used at once
        ReferenceList passi = service(ReferenceList.class);
        assertEquals("edc-psc.passi-providers", passi.id());
        List<ReferenceEntry> entries = new ArrayList<>(passi.entries());
        entries.add(new ReferenceEntry("Audit Régional", "552100554", null));
        passi.replace(admin, entries);
        assertTrue(service(AuditTrail.class).history(admin, "reference", "edc-psc.passi-providers").stream()
                .anyMatch(e -> e.action().equals("reference.replaced")));
        EvidenceFile eligible = evidence.upload(c.actor, cand.number(), "test-intrusion", "EDC.TI.01", "formulaire", "ti-2.csv",
                new ByteArrayInputStream(penTest("AUDIT REGIONAL SAS", "3.0", 0).getBytes(StandardCharsets.UTF_8)));
        assertEquals(single(eligible).details().toString(), CheckResult.Outcome.PASSED, single(eligible).outcome());
    }

    @Test
    public void r13r14BadHabilitationsAreRefusedWithTheReasonAndBlockTheOperatorForm() throws Exception {
        Company acme = company("Opérateur Tiers", "75102209300015");
        long product = product(acme, "Agenda Tiers", "1.0", "x");
        byte[] hab = habilitation(acme, product, "ELU");
        Candidature operator = candidatures.create(acme.actor, product, "edc-psc", "operateur");
        AdministrativeForm op = forms.get(acme.actor, operator.number());
        // the operator's own Datapass and the production client id are asked for
        assertTrue(op.missing().toString(), op.missing().stream().map(FieldError::field).toList()
                .containsAll(List.of("datapass", "clientIdProduction", "operatorIsEditor")));
        // OpSU alone: ELU and the OpSP habilitation of the proxy's operator
        op = forms.save(acme.actor, operator.number(), op.version(), operatorValues("OpSU", "tiers"));
        assertEquals(List.of("habilitations-editeur/EDC.OP.HAB.01/hab-elu", "habilitations-editeur/EDC.OP.HAB.03/hab-opsp"),
                op.missing().stream().map(FieldError::field).toList());

        byte[] altered = hab.clone();
        // one byte of the header's binary comment: nothing reads it, but it is signed
        assertEquals('%', altered[9]);
        altered[10] ^= 0x01;
        assertBad(acme, operator, "hab-elu", "EDC.OP.HAB.01", altered, "Le contenu signé a été modifié");
        assertBad(acme, operator, "hab-opsp", "EDC.OP.HAB.03", hab, "Ce document ne couvre pas le profil attendu.");
        assertBad(acme, operator, "hab-elu", "EDC.OP.HAB.01", "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII),
                "Ce fichier n'est pas un PDF lisible.");

        EvidenceFile good = evidence.upload(acme.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.01", "hab-elu",
                "ok.pdf", new ByteArrayInputStream(hab));
        assertEquals(CheckResult.Outcome.PASSED, single(good).outcome());
        // an OpSP habilitation of a third party: that operator's own candidature, then revoked
        byte[] opsp = operatorHabilitation(company("Proxy Opéré", "44306184100047"));
        EvidenceFile third = evidence.upload(acme.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.03", "hab-opsp",
                "opsp.pdf", new ByteArrayInputStream(opsp));
        assertEquals(single(third).details().toString(), CheckResult.Outcome.PASSED, single(third).outcome());

        // the form can be submitted with the files, but is validated only once every one passed its check
        op = forms.get(acme.actor, operator.number());
        op = forms.submit(acme.actor, operator.number(), op.version());
        try {
            forms.validate(reviewer, operator.number(), op.version());
            fail("R-13: validated with a forged habilitation");
        } catch (ValidationException e) {
            assertEquals(List.of("attachment.notVerified", "attachment.notVerified", "attachment.notVerified"),
                    e.errors().stream().map(FieldError::code).toList());
            assertTrue(e.errors().get(0).message(Locale.FRENCH), e.errors().get(0).message(Locale.FRENCH)
                    .startsWith("La pièce « bad.pdf » n'a pas passé sa vérification : Le contenu signé a été modifié"));
        }
        op = forms.returnToCandidate(reviewer, operator.number(), op.version(), Map.of(), "Retirez les habilitations refusées.");
        for (EvidenceFile f : evidence.chapter(acme.actor, operator.number(), "habilitations-editeur").files()) {
            if (single(f).outcome() != CheckResult.Outcome.PASSED) {
                evidence.deleteFile(acme.actor, operator.number(), f.id());
            }
        }
        // revoked after its upload: the reviewer's validation checks the files again
        deliverables.revoke(admin, single(third).facts().get("id"), "Proxy arrêté");
        op = forms.submit(acme.actor, operator.number(), forms.get(acme.actor, operator.number()).version());
        try {
            forms.validate(reviewer, operator.number(), op.version());
            fail("R-13: validated with a habilitation revoked since its upload");
        } catch (ValidationException e) {
            assertEquals(List.of("habilitations-editeur/EDC.OP.HAB.03/hab-opsp"), e.errors().stream().map(FieldError::field).toList());
        }
        EvidenceFile rechecked = evidence.chapter(reviewer, operator.number(), "habilitations-editeur").files().stream()
                .filter(f -> f.id() == third.id()).findFirst().orElseThrow();
        assertEquals("Ce document a été révoqué par l'agence.", single(rechecked).summary().get(Locale.FRENCH));
        assertEquals("Motif de la révocation : Proxy arrêté.", single(rechecked).details().get(0).get(Locale.FRENCH));
        assertEquals(StepState.SUBMITTED, forms.get(acme.actor, operator.number()).state());
    }


    @Test
    public void r13AnExpiredEditorHabilitationIsRefusedWithItsDate() throws Exception {
        Company c = company("Habilitation Expirée", "38012986600014");
        long product = product(c, "Ancien", "1.0", "x");
        byte[] hab = habilitation(c, product, "ELU");
        // the registry's daily pass, run as if three years and a day had gone by
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofDays(3 * 366 + 1));
        assertTrue(deliverables.sweep(later).expired() >= 1);
        Candidature operator = candidatures.create(c.actor, product, "edc-psc", "operateur");
        try {
            evidence.upload(c.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.01", "hab-elu", "tot.pdf",
                    new ByteArrayInputStream(hab));
            fail("deposited before any profile was chosen");
        } catch (ValidationException e) {
            assertEquals("Le chapitre « Habilitations Editeur » ne concerne pas cette candidature.",
                    e.errors().get(0).message(Locale.FRENCH));
        }
        forms.save(c.actor, operator.number(), forms.get(c.actor, operator.number()).version(), operatorValues("OpSU", "tiers"));
        EvidenceFile f = evidence.upload(c.actor, operator.number(), "habilitations-editeur", "EDC.OP.HAB.01", "hab-elu",
                "expiree.pdf", new ByteArrayInputStream(hab));
        CheckResult r = single(f);
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("Ce document a expiré.", r.summary().get(Locale.FRENCH));
        assertTrue(r.details().get(0).get(Locale.FRENCH), r.details().get(0).get(Locale.FRENCH).startsWith("Elle a expiré le "));
        assertEquals("EXPIRED", r.facts().get("outcome"));
    }

    // ---------------------------------------------------------------------------------------------
    // the scheme is a plugin

    @Test
    public void removedTheDesksDisappearAndCandidaturesAlreadyMadeStayReadable() throws Exception {
        Company c = company("Retrait Santé", "42135888400011");
        long product = product(c, "Retrait", "1.0", "x");
        Candidature cand = validatedEditor(c, product, "ELU");
        evidence.upload(c.actor, cand.number(), "test-intrusion", "EDC.TI.01", "formulaire", "ti.csv",
                new ByteArrayInputStream(penTest("Synacktiv", "1.0", 0).getBytes(StandardCharsets.UTF_8)));
        try {
            for (String bsn : SCHEME) {
                installed(bsn).uninstall();
            }
            eventually("EDC PSC withdrawn", () -> registry.find("edc-psc").isEmpty() ? Optional.of(true) : Optional.empty());
            assertEquals(cand.nru(), candidatures.get(c.actor, cand.number()).nru());
            assertEquals(StepState.VALIDATED, forms.get(c.actor, cand.number()).state());
            assertEquals("R-15: the five ELU chapters", 5, evidence.deposit(c.actor, cand.number()).chapters().size());
            ChapterView ti = evidence.chapter(reviewer, cand.number(), "test-intrusion");
            assertEquals(CheckResult.Outcome.PASSED, single(ti.files().get(0)).outcome());
            assertEquals("Test d'intrusion", ti.chapter().title().get(Locale.FRENCH));
        } finally {
            deployTheScheme();
        }
    }

    @Test
    public void r16TheTemplatesTheReferentialOffersAreReadFromTheirPluginAndNothingElseIs() throws Exception {
        try (java.io.InputStream in = registry.openTemplate("edc-psc", "templates/formulaire-test-intrusion-v1.csv").orElseThrow()) {
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(csv, csv.startsWith("Formulaire de test d'intrusion;Espace de Confiance Pro Santé Connect"));
        }
        try (java.io.InputStream in = registry.openTemplate("edc-psc", "templates/attestation-compatibilite-cgu-v1.csv")
                .orElseThrow()) {
            assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("CGU-01"));
        }
        assertTrue("not offered by any evidence spec", registry.openTemplate("edc-psc", DispositifDescriptors.DEFAULT_PATH).isEmpty());
        assertTrue(registry.openTemplate("no-such-scheme", "templates/formulaire-test-intrusion-v1.csv").isEmpty());
    }

    @Test
    public void aThirdPartyBundleAddsAChapterToTheGuichetEditeurForNewCandidaturesOnly() throws Exception {
        Company c = company("Tiers Chapitre", "33254166400014");
        long product = product(c, "Chapitre", "1.0", "x");
        Candidature before = validatedEditor(c, product, "ELU");
        Bundle extension = context.installBundle("test:acme-hds", new ByteArrayInputStream(jar("com.acme.edcpsc.hds", "1.0.0",
                ("{\"schemaVersion\": \"1.0\", \"contributesTo\": \"edc-psc\", \"referentialVersion\": \"v1\", \"guichets\": [],"
                        + " \"extensions\": [{\"guichet\": \"editeur\", \"chapters\": [{\"id\": \"hebergement-hds\","
                        + " \"title\": {\"fr\": \"Hébergement HDS\"}, \"order\": 8, \"profiles\": [\"ELU\", \"ELP\"],"
                        + " \"requirements\": [{\"ref\": \"ACME.HDS.01\", \"statement\": {\"fr\": \"Contrat HDS\"},"
                        + " \"level\": \"must\", \"evidence\": [{\"id\": \"contrat\", \"kind\": \"document\","
                        + " \"label\": {\"fr\": \"Contrat\"}}]}]}]}]}").getBytes(StandardCharsets.UTF_8))));
        try {
            extension.start();
            eventually("the third-party chapter", () -> registry.find("edc-psc").flatMap(d -> d.guichet("editeur"))
                    .flatMap(g -> g.chapter("hebergement-hds")));
            Candidature after = validatedEditor(c, product, "ELU");
            assertEquals("v1", after.referentialVersion());
            assertEquals("v1", candidatures.get(c.actor, before.number()).referentialVersion());
            assertTrue(chapters(c, after).contains("hebergement-hds"));
            assertFalse("pinned before the chapter came", chapters(c, before).contains("hebergement-hds"));
        } finally {
            extension.uninstall();
        }
        eventually("the chapter withdrawn", () -> registry.find("edc-psc").flatMap(d -> d.guichet("editeur"))
                .filter(g -> g.chapter("hebergement-hds").isEmpty()));
    }

    @Test
    public void aV2ReferentialDeployedWhileACandidatureIsInFlightLeavesItOnV1() throws Exception {
        Company c = company("Version Deux", "51234567800001");
        long product = product(c, "Versionné", "1.0", "x");
        Candidature v1 = validatedEditor(c, product, "ELU");
        Map<String, byte[]> originals = new LinkedHashMap<>();
        try {
            for (String bsn : SCHEME) {
                Bundle b = installed(bsn);
                byte[] original = Files.readAllBytes(new File(java.net.URI.create(b.getLocation())).toPath());
                originals.put(bsn, original);
                b.update(new ByteArrayInputStream(v2(original)));
            }
            eventually("v2 deployed", () -> registry.find("edc-psc").filter(d -> "v2".equals(d.referentialVersion())
                    && d.guichet("editeur").isPresent() && d.guichet("operateur").isPresent()));
            Candidature v2 = validatedEditor(c, product, "ELU");
            assertEquals("v2", v2.referentialVersion());
            assertEquals("v1", candidatures.get(c.actor, v1.number()).referentialVersion());
            assertEquals(10, expected(c, v2, "prerequis-maturite"));
            assertEquals("the candidature in flight keeps its v1 chapter", 9, expected(c, v1, "prerequis-maturite"));
            complete(c.actor, v1.number(), "prerequis-maturite", "1.0");
        } finally {
            for (Map.Entry<String, byte[]> e : originals.entrySet()) {
                installed(e.getKey()).update(new ByteArrayInputStream(e.getValue()));
            }
            eventually("v1 back", () -> registry.find("edc-psc").filter(d -> "v1".equals(d.referentialVersion())
                    && d.guichet("editeur").isPresent() && d.guichet("operateur").isPresent()));
        }
    }

    @Test
    public void r20TheMediumThresholdIsSetByConfiguration() throws Exception {
        Company c = company("Seuil Réglé", "40208015700017");
        long product = product(c, "Seuil", "1.0", "x");
        Candidature cand = validatedEditor(c, product, "ELU");
        // Configuration Admin is a service factory: keep it got while using it
        ServiceTracker<org.osgi.service.cm.ConfigurationAdmin, org.osgi.service.cm.ConfigurationAdmin> cm =
                new ServiceTracker<>(context, org.osgi.service.cm.ConfigurationAdmin.class, null);
        cm.open();
        org.osgi.service.cm.Configuration cfg = cm.waitForService(TIMEOUT_MS).getConfiguration("org.guichets.edcpsc", "?");
        java.util.Hashtable<String, Object> props = new java.util.Hashtable<>();
        props.put("penTest.eluMediumKoLimit", 2);
        cfg.update(props);
        try {
            CheckResult r = penTestUnderLimit(c, cand, "2");
            assertEquals(CheckResult.Outcome.FAILED, r.outcome());
            assertEquals("2 points de sévérité moyenne KO : un logiciel utilisateur (ELU) doit en avoir moins de 2.",
                    r.details().get(0).get(Locale.FRENCH));
        } finally {
            cfg.delete();
            cm.close();
        }
        CheckResult back = penTestUnderLimit(c, cand, "10");
        assertEquals(CheckResult.Outcome.PASSED, back.outcome());
    }

    /** Uploads a pen-test form with 2 medium KO until the check applies {@code limit} (configuration is asynchronous). */
    private CheckResult penTestUnderLimit(Company c, Candidature cand, String limit) throws InterruptedException {
        return eventually("the limit of " + limit + " applied", () -> {
            try {
                CheckResult x = single(evidence.upload(c.actor, cand.number(), "test-intrusion", "EDC.TI.01", "formulaire",
                        "ti.csv", new ByteArrayInputStream(penTestWithMediumKo(2).getBytes(StandardCharsets.UTF_8))));
                return limit.equals(x.facts().get("mediumKoLimit")) ? Optional.of(x) : Optional.empty();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private Candidature validatedEditor(Company c, long product, String profiles) {
        Candidature cand = candidatures.create(c.actor, product, "edc-psc", "editeur");
        AdministrativeForm form = forms.get(c.actor, cand.number());
        form = forms.save(c.actor, cand.number(), form.version(), editorValues(profiles));
        forms.validate(reviewer, cand.number(), forms.submit(c.actor, cand.number(), form.version()).version());
        return candidatures.get(c.actor, cand.number());
    }

    private List<String> chapters(Company c, Candidature cand) {
        return evidence.deposit(c.actor, cand.number()).chapters().stream().map(ChapterProgress::chapterId).toList();
    }

    private int expected(Company c, Candidature cand, String chapter) {
        return evidence.deposit(c.actor, cand.number()).chapters().stream().filter(p -> p.chapterId().equals(chapter))
                .findFirst().orElseThrow().expected();
    }

    static String penTestWithMediumKo(int mediumKo) {
        StringBuilder sb = new StringBuilder("Organisme auditeur;Synacktiv\nSignataire;Claire Dubois\nDate du test;"
                + LocalDate.now(ZoneId.of("Europe/Paris")).minusMonths(1) + "\nVersion testée;1.0\nConclusion;L'application peut être "
                + "référencée\n\nRéférence;Point de contrôle;Sévérité;Résultat\n");
        for (int i = 1; i <= 5; i++) {
            sb.append(String.format("TI-%02d;Point %d;moyenne;%s\n", i, i, i <= mediumKo ? "KO" : "OK"));
        }
        return sb.toString();
    }

    /** The same bundle at version 0.2 with its descriptor on referential v2, and one more Prérequis requirement. */
    private static byte[] v2(byte[] jar) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(new ByteArrayInputStream(jar))) {
            Manifest m = in.getManifest();
            m.getMainAttributes().putValue("Bundle-Version", "0.2.0");
            try (JarOutputStream o = new JarOutputStream(out, m)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals(DispositifDescriptors.DEFAULT_PATH)) {
                        String json = new String(bytes, StandardCharsets.UTF_8).replace("\"referentialVersion\": \"v1\"",
                                "\"referentialVersion\": \"v2\"");
                        int chapter = json.indexOf("\"id\": \"prerequis-maturite\"");
                        if (chapter > 0) {
                            int list = json.indexOf("\"requirements\": [", chapter) + "\"requirements\": [".length();
                            json = json.substring(0, list) + "{\"ref\": \"EDC.PMT.10\", \"statement\": {\"fr\": \"Nouvelle exigence v2\"},"
                                    + " \"level\": \"must\", \"evidence\": [{\"id\": \"v2\", \"kind\": \"document\","
                                    + " \"label\": {\"fr\": \"Preuve v2\"}}]}," + json.substring(list);
                        }
                        bytes = json.getBytes(StandardCharsets.UTF_8);
                    }
                    o.putNextEntry(new JarEntry(e.getName()));
                    o.write(bytes);
                    o.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /** A plugin jar holding only a descriptor. */
    private static byte[] jar(String symbolicName, String version, byte[] descriptor) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        a.putValue(DispositifDescriptors.HEADER, DispositifDescriptors.DEFAULT_PATH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry(DispositifDescriptors.DEFAULT_PATH));
            j.write(descriptor);
            j.closeEntry();
        }
        return out.toByteArray();
    }

    // helpers ---------------------------------------------------------------------------------------

    private record Company(Account account, Actor actor) {}

    private Company company(String name, String siret) {
        Account a = identity.registerOrganization(new NewOrganization(name, siret, "5710",
                        new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                new NewAccount("it-" + siret + "@example.fr", "Jeanne Martin", PASSWORD.toCharArray(), null));
        return new Company(a, Actor.of(a));
    }

    /** A product of the company's catalogue; answers its id. */
    private long product(Company c, String name, String version, String description) {
        return products.create(c.actor, new ProductDraft(name, version, null, c.account.id(), description, null, null)).id();
    }

    private Actor staff(String who, PlatformRole role) {
        String email = who + "@agence.example";
        try {
            return identity.authenticate(email, PASSWORD.toCharArray());
        } catch (RuntimeException notYet) {
            return Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount(email, who, PASSWORD.toCharArray(), null),
                    Set.of(role)));
        }
    }

    static Map<String, String> editorValues(String profiles) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("contactName", "Jeanne Martin");
        v.put("contactPhone", "+33 1 23 45 67 89");
        v.put("nie", "NIE-ACME-01");
        v.put("nil", "NIL-AGENDA");
        v.put("datapass", "DP-2026-0042");
        v.put("clientIdBas", "bas-agenda-42");
        v.put("architecture", "web");
        v.put("profiles", profiles);
        v.put("plannedDeposit", "2027-01-15");
        v.put("additionalComponents", "aucun");
        return v;
    }

    static Map<String, String> operatorValues(String profiles, String proxy) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("contactName", "Jeanne Martin");
        v.put("operatorIsEditor", "oui");
        v.put("datapass", "DP-2026-0077");
        v.put("clientIdProduction", "prod-agenda-42");
        v.put("proxyOperator", proxy);
        v.put("architecture", "web");
        v.put("profiles", profiles);
        v.put("plannedDeposit", "2027-02-15");
        v.put("additionalComponents", "aucun");
        return v;
    }

    /** Deposits a fitting file for every piece of a chapter, submits it and has the reviewer find it all conform. */
    private void complete(Actor candidate, String number, String chapterId, String version) throws IOException {
        ChapterView view = evidence.chapter(candidate, number, chapterId);
        for (Requirement r : view.requirements()) {
            for (EvidenceSpec e : r.evidence()) {
                String content = switch (e.kind()) {
                    case PEN_TEST_FORM -> penTest("Synacktiv", version, 0);
                    case CONFORMITY_REPORT -> report("FINISHED", "SUCCESS");
                    default -> null;
                };
                byte[] bytes = content == null ? PDF : content.getBytes(StandardCharsets.UTF_8);
                String name = e.id() + (content == null ? ".pdf" : e.kind().name().startsWith("PEN") ? ".csv" : ".json");
                EvidenceFile f = evidence.upload(candidate, number, chapterId, r.ref(), e.id(), name, new ByteArrayInputStream(bytes));
                if (content != null) {
                    assertEquals(f.checks().toString(), CheckResult.Outcome.PASSED, single(f).outcome());
                }
            }
        }
        long v = evidence.chapter(candidate, number, chapterId).progress().version();
        view = evidence.submit(candidate, number, chapterId, v);
        Map<Long, FileVerdict> verdicts = new LinkedHashMap<>();
        view.files().forEach(f -> verdicts.put(f.id(), FileVerdict.conform()));
        view = evidence.review(reviewer, number, chapterId, view.progress().version(), verdicts);
        assertEquals(org.guichets.api.candidature.ChapterState.VALIDATED, view.progress().state());
    }

    static String penTest(String auditor, String version, int highKo) {
        StringBuilder sb = new StringBuilder("Organisme auditeur;" + auditor + "\nSignataire;Claire Dubois\nDate du test;"
                + LocalDate.now(ZoneId.of("Europe/Paris")).minusMonths(1) + "\nVersion testée;" + version
                + "\nType d'architecture;web\nConclusion;L'application " + (highKo == 0 ? "peut" : "ne peut pas")
                + " être référencée\n\nRéférence;Point de contrôle;Sévérité;Résultat\n");
        for (int i = 1; i <= 6; i++) {
            sb.append(String.format("TI-%02d;Point %d;%s;%s\n", i, i, i <= 3 ? "haute" : "moyenne", i <= highKo ? "KO" : "OK"));
        }
        return sb.toString();
    }

    static String report(String status, String secondCheck) {
        return "{\"uuidSession\":\"5f0c2a8e-9b1d-4c47-8e0f-3a2b1c9d7e65\",\"status\":\"" + status + "\","
                + "\"dateExecution\":\"2026-10-02T14:03:11\",\"timeTaken\":277,\"owner\":\"ops@example.fr\",\"checks\":["
                + "{\"name\":\"connect\",\"status\":\"SUCCESS\",\"description\":\"POST /connect\",\"projectId\":\"P1\"},"
                + "{\"name\":\"traces\",\"status\":\"" + secondCheck + "\",\"description\":\"GET /traces\",\"projectId\":\"P1\"}]}";
    }

    private static CheckResult single(EvidenceFile f) {
        assertEquals(f.fileName() + ": " + f.checks(), 1, f.checks().size());
        return f.checks().get(0);
    }

    private void assertBad(Company c, Candidature cand, String evidenceId, String ref, byte[] pdf, String message) throws IOException {
        EvidenceFile f = evidence.upload(c.actor, cand.number(), "habilitations-editeur", ref, evidenceId, "bad.pdf",
                new ByteArrayInputStream(pdf));
        CheckResult r = single(f);
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertTrue(r.summary().get(Locale.FRENCH) + " / " + message, r.summary().get(Locale.FRENCH).startsWith(message));
    }

    /** An Editeur habilitation of {@code profiles} for the product, through the whole Editeur desk. */
    private byte[] habilitation(Company c, long product, String profiles) throws Exception {
        Candidature cand = validatedEditor(c, product, profiles);
        String version = products.get(c.actor, product).softwareVersion();
        for (ChapterProgress ch : evidence.deposit(c.actor, cand.number()).chapters()) {
            complete(c.actor, cand.number(), ch.chapterId(), version);
        }
        committee.decide(college, cand.number(), DecisionOutcome.FAVOURABLE, "Conforme", List.of());
        IssuedDeliverable hab = eventually("habilitation", () -> deliverables.forCandidature(c.actor, cand.number()).stream()
                .filter(d -> d.kind().equals("habilitation") && d.status() == DeliverableStatus.VALID).findFirst());
        return deliverables.pdf(c.actor, hab.id());
    }

    /** An OpSP habilitation: the company's proxy through both desks. */
    private byte[] operatorHabilitation(Company c) throws Exception {
        long proxy = product(c, "Proxy Opéré", "4.2", "Proxy");
        byte[] elp = habilitation(c, proxy, "ELP");
        Candidature cand = candidatures.create(c.actor, proxy, "edc-psc", "operateur");
        AdministrativeForm form = forms.get(c.actor, cand.number());
        form = forms.save(c.actor, cand.number(), form.version(), operatorValues("OpSP", "candidat"));
        evidence.upload(c.actor, cand.number(), "habilitations-editeur", "EDC.OP.HAB.02", "hab-elp", "elp.pdf",
                new ByteArrayInputStream(elp));
        form = forms.submit(c.actor, cand.number(), forms.get(c.actor, cand.number()).version());
        forms.validate(reviewer, cand.number(), form.version());
        for (ChapterProgress ch : evidence.deposit(c.actor, cand.number()).chapters()) {
            complete(c.actor, cand.number(), ch.chapterId(), "4.2");
        }
        committee.decide(college, cand.number(), DecisionOutcome.FAVOURABLE, "Conforme", List.of());
        IssuedDeliverable hab = eventually("OpSP habilitation", () -> deliverables.forCandidature(c.actor, cand.number()).stream()
                .filter(d -> d.status() == DeliverableStatus.VALID).findFirst());
        return deliverables.pdf(c.actor, hab.id());
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        return null;
    }

    private static String symbolicName(File jar) throws IOException {
        try (java.util.jar.JarFile j = new java.util.jar.JarFile(jar)) {
            return j.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(TIMEOUT_MS);
            if (s == null) {
                throw new AssertionError("no " + type.getName() + " service within " + TIMEOUT_MS + " ms");
            }
            return s;
        } finally {
            tracker.close();
        }
    }

    static <T> T eventually(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

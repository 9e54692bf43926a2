package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.guichets.api.Dispositif;
import org.guichets.api.LocalizedText;
import org.guichets.api.PluginOrigin;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.ChapterState;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.StepState;
import org.guichets.api.candidature.Verdict;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.EvidenceCheck;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.junit.Before;
import org.junit.Test;

/**
 * a chapter deposited with the administrative form (the editor habilitations an operator
 * must show), with requirements that depend on the profiles and on a form value; the form is
 * submitted only with its evidence, validated only when every file passed its check, checked again
 * at validation.
 */
public class FormChapterTest extends ServiceTestBase {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final String HAB = "habilitations";

    private final AtomicReference<CheckResult.Outcome> verdict = new AtomicReference<>(CheckResult.Outcome.PASSED);
    private Actor m;
    private Actor reviewer;
    private Candidature c;
    private EvidenceCheck check;

    @Before
    public void operatorCandidature() throws Exception {
        try (InputStream in = FormChapterTest.class.getResourceAsStream("/descriptors/with-form-chapter.json")) {
            f.registry.publishDescriptor(in.readAllBytes(), new PluginOrigin(900, "test.desk", "1.0.0", "test:desk"));
        }
        check = (file, content) -> new CheckResult("signature", verdict.get(),
                LocalizedText.french(verdict.get() == CheckResult.Outcome.PASSED ? "Habilitation valide" : "Habilitation révoquée"),
                List.of(LocalizedText.french("révoquée le 01/11/2026")), Map.of());
        f.checks.addCheck(check, Map.of(EvidenceCheck.DISPOSITIF, "desk-test", EvidenceCheck.EVIDENCE_KINDS, "HABILITATION",
                "component.name", "signature"));
        m = f.company("Opérateur");
        reviewer = f.staff(PlatformRole.REVIEWER);
        c = f.candidatures.create(m, f.product(m, "Agenda").id(), "desk-test", "operateur");
    }

    private AdministrativeForm save(Map<String, String> values) {
        return f.forms.save(m, c.number(), f.forms.get(m, c.number()).version(), values);
    }

    private EvidenceFile upload(String ref, String evidence) throws Exception {
        return f.evidence.upload(m, c.number(), HAB, ref, evidence, evidence + ".pdf", new ByteArrayInputStream(PDF));
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    public void r06ThePresentationIsReadFromTheDescriptor() {
        Dispositif d = f.registry.find("desk-test").orElseThrow();
        assertEquals("Une présentation plus longue.\n\nDeux paragraphes.", d.presentation().get(Locale.FRENCH));
        assertEquals("A longer presentation.", d.presentation().get(Locale.ENGLISH));
    }

    @Test
    public void r13WhatTheFormAsksDependsOnTheProfilesAndOnTheProxyAnswer() {
        AdministrativeForm form = save(Map.of("profiles", "OpSP"));
        assertEquals(List.of(HAB + "/HAB.ELP/hab-elp"), fields(form.missing()));
        form = save(Map.of("profiles", "OpSU", "proxyOperator", "tiers"));
        assertEquals(List.of(HAB + "/HAB.ELU/hab-elu", HAB + "/HAB.OPSP/hab-opsp"), fields(form.missing()));
        form = save(Map.of("profiles", "OpSP,OpSU", "proxyOperator", "candidat"));
        assertEquals(List.of(HAB + "/HAB.ELU/hab-elu", HAB + "/HAB.ELP/hab-elp"), fields(form.missing()));
        form = save(Map.of("proxyOperator", "tiers"));
        assertEquals(List.of(HAB + "/HAB.ELU/hab-elu", HAB + "/HAB.ELP/hab-elp", HAB + "/HAB.OPSP.TIERS/hab-opsp"),
                fields(form.missing()));
        assertEquals("Il manque au moins un fichier pour la preuve « Habilitation ELU ».",
                form.missing().get(0).message(Locale.FRENCH));
    }

    @Test
    public void r13TheFormIsSubmittedOnlyWithItsEvidenceAndValidatedWithIt() throws Exception {
        save(Map.of("profiles", "OpSP"));
        try {
            f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
            fail("submitted without the habilitation");
        } catch (ValidationException e) {
            assertEquals(List.of(HAB + "/HAB.ELP/hab-elp"), fields(e.errors()));
        }
        EvidenceFile hab = upload("HAB.ELP", "hab-elp");
        assertEquals(CheckResult.Outcome.PASSED, hab.checks().get(0).outcome());
        AdministrativeForm form = f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
        try {
            upload("HAB.ELP", "hab-elp");
            fail("deposited with a submitted form");
        } catch (InvalidTransitionException e) {
            assertEquals("form.notEditable", e.code());
        }
        form = f.forms.validate(reviewer, c.number(), form.version());
        assertEquals(StepState.VALIDATED, form.state());

        ChapterView chapter = f.evidence.chapter(m, c.number(), HAB);
        assertEquals(ChapterState.VALIDATED, chapter.progress().state());
        assertEquals(Verdict.CONFORM, chapter.files().get(0).verdict());
        assertEquals("the evidence step holds the other chapters only", List.of("exploitation"),
                f.evidence.deposit(m, c.number()).chapters().stream().map(ChapterProgress::chapterId).toList());
        try {
            f.evidence.submit(m, c.number(), HAB, chapter.progress().version());
            fail("a form chapter submitted on its own");
        } catch (InvalidTransitionException e) {
            assertEquals("chapter.withForm", e.code());
        }
    }

    @Test
    public void r13AFailedCheckBlocksTheValidationAndTheChecksRunAgainWhenTheReviewerValidates() throws Exception {
        save(Map.of("profiles", "OpSP"));
        upload("HAB.ELP", "hab-elp");
        AdministrativeForm form = f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
        verdict.set(CheckResult.Outcome.FAILED); // revoked after the upload
        try {
            f.forms.validate(reviewer, c.number(), form.version());
            fail("validated with a habilitation revoked since its upload");
        } catch (ValidationException e) {
            assertEquals("attachment.notVerified", e.errors().get(0).code());
            assertEquals("La pièce « hab-elp.pdf » n'a pas passé sa vérification : Habilitation révoquée révoquée le 01/11/2026",
                    e.errors().get(0).message(Locale.FRENCH));
        }
        assertEquals(CheckResult.Outcome.FAILED, f.evidence.chapter(reviewer, c.number(), HAB).files().get(0).checks().get(0).outcome());
        assertTrue(f.audit.history(reviewer, "candidature", c.number()).stream()
                .anyMatch(e -> e.action().equals("evidence.rechecked") && e.details().contains("signature:FAILED")));
        assertEquals(StepState.SUBMITTED, f.forms.get(m, c.number()).state());
    }

    @Test
    public void r13AHabilitationNoCheckVerifiedIsNotAccepted() throws Exception {
        f.checks.removeCheck(check); // the plugin that verifies habilitations is not running
        save(Map.of("profiles", "OpSP"));
        EvidenceFile hab = upload("HAB.ELP", "hab-elp");
        assertTrue(hab.checks().isEmpty());
        AdministrativeForm form = f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
        try {
            f.forms.validate(reviewer, c.number(), form.version());
            fail("validated an unverified habilitation");
        } catch (ValidationException e) {
            assertEquals("attachment.unverified", e.errors().get(0).code());
        }
    }

    @Test
    public void r13WithTheCheckGoneSinceTheUploadTheHabilitationIsNotVerifiedAtValidation() throws Exception {
        save(Map.of("profiles", "OpSP"));
        assertEquals(CheckResult.Outcome.PASSED, upload("HAB.ELP", "hab-elp").checks().get(0).outcome());
        AdministrativeForm form = f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
        f.checks.removeCheck(check); // the scheme's plugin stopped meanwhile
        try {
            f.forms.validate(reviewer, c.number(), form.version());
            fail("validated a habilitation nothing could verify again");
        } catch (ValidationException e) {
            assertEquals("attachment.unverified", e.errors().get(0).code());
        }
    }

    @Test
    public void r13FilesOfPiecesNoLongerAskedAreKeptButNotAccepted() throws Exception {
        save(Map.of("profiles", "OpSU", "proxyOperator", "tiers"));
        upload("HAB.ELU", "hab-elu");
        EvidenceFile opsp = upload("HAB.OPSP", "hab-opsp");
        save(Map.of("profiles", "OpSP,OpSU", "proxyOperator", "candidat"));
        upload("HAB.ELP", "hab-elp");
        AdministrativeForm form = f.forms.submit(m, c.number(), f.forms.get(m, c.number()).version());
        f.forms.validate(reviewer, c.number(), form.version());
        Map<String, Verdict> verdicts = new java.util.HashMap<>();
        f.evidence.chapter(reviewer, c.number(), HAB).files().forEach(x -> verdicts.put(x.evidenceId(), x.verdict()));
        assertEquals(Verdict.CONFORM, verdicts.get("hab-elu"));
        assertEquals(Verdict.CONFORM, verdicts.get("hab-elp"));
        assertEquals("asked only while the proxy was a third party's", null, verdicts.get(opsp.evidenceId()));
    }

    @Test
    public void r13ADepositWithTheFormMovesItsVersionSoThatAStaleSubmissionConflicts() throws Exception {
        AdministrativeForm seen = save(Map.of("profiles", "OpSP"));
        upload("HAB.ELP", "hab-elp");
        try {
            f.forms.submit(m, c.number(), seen.version());
            fail("submitted on a form the candidate saw before its last deposit");
        } catch (org.guichets.api.error.ConflictException expected) {
            assertEquals(StepState.IN_PROGRESS, f.forms.get(m, c.number()).state());
        }
    }

    @Test
    public void r13TheChapterIsRefusedUntilAProfileAsksForIt() throws Exception {
        try {
            upload("HAB.ELP", "hab-elp");
            fail("deposited before a profile was chosen");
        } catch (ValidationException e) {
            assertEquals("Le chapitre « Habilitations Editeur » ne concerne pas cette candidature.",
                    e.errors().get(0).message(Locale.FRENCH));
        }
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.guichets.api.EvidenceKind;
import org.guichets.api.LocalizedText;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.check.EvidenceCheck;
import org.junit.Test;

/**
 * A scheme's checks run on the uploads of the kinds they name (the pen-test form of R-20, the
 * conformity report of R-19, the habilitations of R-13 will be such checks); their result is kept
 * with the file; a check that throws or hangs is recorded as an error and the upload succeeds.
 */
public class EvidenceCheckTest extends JourneyTestBase {

    private static Map<String, Object> props(String dispositif, String... kinds) {
        return Map.of(EvidenceCheck.DISPOSITIF, dispositif, EvidenceCheck.EVIDENCE_KINDS, kinds,
                "component.name", "test-check");
    }

    private static CheckResult failed(String why) {
        return new CheckResult("test-check", CheckResult.Outcome.FAILED,
                new LocalizedText(Map.of("fr", "Non éligible", "en", "Not eligible")),
                List.of(LocalizedText.french(why)), Map.of("highKo", "1"));
    }

    @Test
    public void aChecksResultIsKeptWithTheFileAndSeenByCandidateAndReviewer() throws Exception {
        AtomicReference<CheckedFile> seen = new AtomicReference<>();
        AtomicReference<String> read = new AtomicReference<>();
        EvidenceCheck check = (file, content) -> {
            seen.set(file);
            read.set(new String(content.readAllBytes(), StandardCharsets.UTF_8));
            return failed("1 point de contrôle de sévérité haute est KO");
        };
        f.checks.addCheck(check, props("edc-psc", "PEN_TEST_FORM"));
        formValidated("ELU");

        EvidenceFile file = upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON);
        assertEquals(1, file.checks().size());
        CheckResult r = file.checks().get(0);
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("Non éligible", r.summary().get(Locale.FRENCH));
        assertEquals("1 point de contrôle de sévérité haute est KO", r.details().get(0).get(Locale.FRENCH));
        assertEquals(Map.of("highKo", "1"), r.facts());

        CheckedFile asked = seen.get();
        assertEquals(EvidenceKind.PEN_TEST_FORM, asked.kind());
        assertEquals(c.number(), asked.candidatureNumber());
        assertEquals(java.util.Set.of("ELU"), asked.profiles());
        assertEquals("Agenda", asked.softwareName());
        assertEquals("1.0", asked.softwareVersion());
        assertEquals("formulaire.json", asked.fileName());
        assertEquals(new String(JSON, StandardCharsets.UTF_8), read.get());

        // kept: the reviewer reads the same result later
        EvidenceFile again = f.evidence.chapter(reviewer, c.number(), "intrusion").files().get(0);
        assertEquals(file.checks(), again.checks());
        assertTrue(f.audit.history(reviewer, "candidature", c.number()).stream()
                .anyMatch(e -> e.action().equals("evidence.uploaded") && e.details().contains("test-check:FAILED")));
    }

    @Test
    public void checksRunOnlyOnTheirSchemeAndKinds() throws Exception {
        EvidenceCheck never = (file, content) -> {
            throw new AssertionError("must not run on " + file.kind());
        };
        f.checks.addCheck(never, props("another-scheme", "PEN_TEST_FORM"));
        f.checks.addCheck((file, content) -> failed("x"), props("edc-psc", "CONFORMITY_REPORT"));
        formValidated("ELU");
        assertTrue(upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON).checks().isEmpty());
        assertTrue(upload("intrusion", "TI.01", "signe", "rapport.pdf", PDF).checks().isEmpty());
    }

    @Test
    public void aCheckThatThrowsOrHangsIsAnErrorAndTheUploadSucceeds() throws Exception {
        f.checks.addCheck((file, content) -> {
            throw new IllegalStateException("plugin bug");
        }, props("edc-psc", "PEN_TEST_FORM"));
        f.checks.addCheck(new EvidenceCheck() {
            @Override
            public CheckResult check(CheckedFile file, InputStream content) throws Exception {
                Thread.sleep(60_000);
                return failed("too late");
            }
        }, props("edc-psc", "PEN_TEST_FORM"));
        formValidated("ELU");

        EvidenceFile file = upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON);
        assertEquals(2, file.checks().size());
        for (CheckResult r : file.checks()) {
            assertEquals(CheckResult.Outcome.ERROR, r.outcome());
            assertTrue(r.summary().get(Locale.FRENCH), r.summary().get(Locale.FRENCH)
                    .startsWith("La vérification automatique n'a pas pu se faire"));
        }
        assertTrue(file.checks().stream().anyMatch(r -> r.summary().get(Locale.ENGLISH).contains("plugin bug")));
        assertTrue(file.checks().stream().anyMatch(r -> r.summary().get(Locale.ENGLISH).contains("longer than 2 s")));
        assertEquals(1, f.evidence.chapter(m, c.number(), "intrusion").files().size());
    }

    @Test
    public void aCheckWithoutItsPropertiesIsIgnored() throws Exception {
        f.checks.addCheck((file, content) -> failed("x"), Map.of());
        formValidated("ELU");
        assertTrue(upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON).checks().isEmpty());
    }
}

package org.guichets.edcpsc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.guichets.api.EvidenceKind;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.junit.Test;

/** the conformity tool's session report, read on upload. */
public class ConformityReportCheckTest {

    private final ConformityReportCheck check = new ConformityReportCheck();

    static CheckedFile file(String evidence, EvidenceKind kind, Set<String> profiles, String version) {
        return new CheckedFile("edc-psc", "editeur", "ABCDEFGHIJ", profiles, "Passerelle Santé", version, "outil-conformite",
                "EDC.OC.01", evidence, kind, "rapport.json", "application/json", 100);
    }

    private CheckResult run(byte[] bytes) throws Exception {
        return check.check(file("rapport-session", EvidenceKind.CONFORMITY_REPORT, Set.of("ELP"), "1.0"),
                new ByteArrayInputStream(bytes));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ConformityReportCheckTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    @Test
    public void r19aFinishedSessionWithEveryCheckSucceededPasses() throws Exception {
        CheckResult r = run(resource("session-finished.json"));
        assertEquals(CheckResult.Outcome.PASSED, r.outcome());
        assertEquals("FINISHED", r.facts().get("status"));
        assertEquals("2026-10-02T14:03:11", r.facts().get("dateExecution"));
        assertEquals("00:04:37", r.facts().get("timeTaken"));
        assertEquals("proxy-team@acme-sante.fr", r.facts().get("owner"));
        assertEquals("5f0c2a8e-9b1d-4c47-8e0f-3a2b1c9d7e65", r.facts().get("uuidSession"));
        assertEquals("SANDBOX", r.facts().get("type"));
        assertEquals("4", r.facts().get("checks"));
        assertEquals("0", r.facts().get("checksFailed"));
        // each check's name, status, description, date, time and project id
        assertEquals("traces | SUCCESS | GET /traces restitue CONNECT_SUCCESS, SEND et DISCONNECT | 2026-10-02T14:07:40 | 1530 | PRJ-4412",
                r.facts().get("check.004"));
        assertEquals("Session FINISHED du 2026-10-02T14:03:11 : 4 vérification(s), 0 en échec.", r.summary().get(Locale.FRENCH));
        assertEquals("Session FINISHED of 2026-10-02T14:03:11: 4 check(s), 0 failed.", r.summary().get(Locale.ENGLISH));
    }

    @Test
    public void r19TheGuidesDataExecutionSpellingIsReadAndFailedChecksAreListed() throws Exception {
        CheckResult r = run(resource("session-failures.json"));
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("2026-10-05T09:12:00", r.facts().get("dateExecution"));
        assertEquals("311", r.facts().get("timeTaken"));
        assertEquals("2", r.facts().get("checksFailed"));
        assertEquals(2, r.details().size());
        assertEquals("En échec (FAILURE) : connect-unknown-rpps — Un RPPS inconnu doit renvoyer 404 avec code et message",
                r.details().get(0).get(Locale.FRENCH));
        assertEquals("Failed (ERROR): traces-fields — Les traces SEND doivent contenir apiRequest", r.details().get(1).get(Locale.ENGLISH));
        assertTrue(r.summary().get(Locale.FRENCH), r.summary().get(Locale.FRENCH).contains("3 vérification(s), 2 en échec"));
    }

    @Test
    public void r19AnUnfinishedSessionFails() throws Exception {
        String json = new String(resource("session-finished.json"), StandardCharsets.UTF_8).replace("\"FINISHED\"", "\"PENDING\"");
        CheckResult r = run(json.getBytes(StandardCharsets.UTF_8));
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("La session n'est pas terminée : statut PENDING.", r.details().get(0).get(Locale.FRENCH));
    }

    @Test
    public void r19aMalformedReportIsRefusedWithWhereItBreaks() throws Exception {
        CheckResult r = run("{\"status\": \"FINISHED\", \"checks\": [".getBytes(StandardCharsets.UTF_8));
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        String reason = r.details().get(0).get(Locale.FRENCH);
        assertTrue(reason, reason.startsWith("Le rapport n'est pas un JSON valide (ligne 1, colonne"));
    }

    @Test
    public void r19aReportWithoutItsSessionFieldsSaysWhichAreMissing() throws Exception {
        CheckResult r = run("{\"status\": \"FINISHED\", \"checks\": [{\"status\": \"SUCCESS\"}]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals(3, r.details().size());
        assertEquals("Champ manquant dans le rapport : « dateExecution ».", r.details().get(0).get(Locale.FRENCH));
        assertEquals("Field missing from the report: \"uuidSession\".", r.details().get(1).get(Locale.ENGLISH));
        assertEquals("Check no. 1: name or status missing.", r.details().get(2).get(Locale.ENGLISH));
    }

    @Test
    public void r19aJsonThatIsNotAnObjectIsRefused() throws Exception {
        CheckResult r = run("[1, 2]".getBytes(StandardCharsets.UTF_8));
        assertEquals(CheckResult.Outcome.FAILED, r.outcome());
        assertEquals("The report is not a JSON object of a conformity-tool session.", r.details().get(0).get(Locale.ENGLISH));
    }
}

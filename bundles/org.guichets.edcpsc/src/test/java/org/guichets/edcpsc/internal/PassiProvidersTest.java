package org.guichets.edcpsc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.reference.ReferenceEntry;
import org.junit.Test;

/** the PASSI providers, reference data an administrator replaces. */
public class PassiProvidersTest {

    /** Keeps what the list asks the audit trail to record (the real trail is exercised in the container tests). */
    static final class RecordingAudit implements AuditTrail {
        final List<String> recorded = new ArrayList<>();

        @Override
        public List<AuditEntry> history(Actor actor, String subjectType, String subjectId) {
            return List.of();
        }

        @Override
        public AuditVerification verify(Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void record(Actor actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
            recorded.add(actor.accountId() + " " + action + " " + subjectType + " " + subjectId + " " + details);
        }
    }

    private static final Actor ADMIN = new Actor(7, "Admin", null, null, Set.of(PlatformRole.ADMIN));

    @Test
    public void theShippedListServesUntilAnAdministratorReplacesItAndTheReplacementSurvivesARestart() throws Exception {
        Path file = Files.createTempDirectory("passi").resolve("edc-psc").resolve("passi-providers.csv");
        RecordingAudit audit = new RecordingAudit();
        PassiProviders list = new PassiProviders(file, audit);
        assertTrue(list.find("Synacktiv").isPresent());
        assertFalse(Files.exists(file));

        list.replace(ADMIN, List.of(new ReferenceEntry("Nouvel Audit", "552100554", LocalDate.of(2028, 6, 30)),
                new ReferenceEntry(" Synacktiv ", null, null)));
        assertEquals(List.of("7 reference.replaced reference edc-psc.passi-providers {entries=2, added=[Nouvel Audit], removed="
                + "[Wavestone, Orange Cyberdefense, Intrinsec Sécurité, Amossys, Almond, Advens, Lexfo, Quarkslab, Sogeti]}"),
                audit.recorded);

        PassiProviders restarted = new PassiProviders(file, audit);
        assertEquals(List.of(new ReferenceEntry("Nouvel Audit", "552100554", LocalDate.of(2028, 6, 30)),
                new ReferenceEntry("Synacktiv", null, null)), restarted.entries());
        assertTrue("found by SIREN", restarted.find("552 100 554").isPresent());
        assertTrue("found without legal form, case or accents", restarted.find("NOUVEL AUDIT SAS").isPresent());
        assertFalse(restarted.find("Wavestone").isPresent());
    }

    @Test
    public void onlyAnAdministratorReplacesTheList() throws Exception {
        PassiProviders list = new PassiProviders(Files.createTempDirectory("passi").resolve("p.csv"), new RecordingAudit());
        for (Actor a : List.of(new Actor(3, "Relecteur", null, null, Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE)),
                new Actor(4, "Candidat", 1L, OrganizationRole.MANDATAIRE, Set.of()))) {
            try {
                list.replace(a, List.of(new ReferenceEntry("X", null, null)));
                fail("replaced by " + a.displayName());
            } catch (AccessDeniedException expected) {
                assertTrue(list.find("Synacktiv").isPresent());
            }
        }
    }

    @Test
    public void anEmptyListADuplicateOrAnEmptyNameIsRefusedAndTheListKept() throws Exception {
        PassiProviders list = new PassiProviders(Files.createTempDirectory("passi").resolve("p.csv"), new RecordingAudit());
        List<ReferenceEntry> before = list.entries();
        for (List<ReferenceEntry> bad : List.of(List.<ReferenceEntry>of(),
                List.of(new ReferenceEntry("Synacktiv", null, null), new ReferenceEntry("SYNACKTIV SAS", null, null)),
                List.of(new ReferenceEntry("  ", null, null)))) {
            try {
                list.replace(ADMIN, bad);
                fail("accepted " + bad);
            } catch (ValidationException expected) {
                assertEquals(before, list.entries());
            }
        }
    }

    @Test
    public void aDamagedFileAcceptsNoProviderRatherThanBringingBackTheShippedList() throws Exception {
        Path file = Files.createTempDirectory("passi").resolve("p.csv");
        Files.writeString(file, "nom;siren;qualifie_jusqu_au\nX;;31/12/2026\n");
        PassiProviders list = new PassiProviders(file, new RecordingAudit());
        assertTrue(list.entries().isEmpty());
        assertFalse(list.find("Wavestone").isPresent());
    }

    @Test
    public void aNameWithALineBreakOrAMissingEntryIsRefused() throws Exception {
        PassiProviders list = new PassiProviders(Files.createTempDirectory("passi").resolve("p.csv"), new RecordingAudit());
        java.util.List<ReferenceEntry> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        for (List<ReferenceEntry> bad : List.of(List.of(new ReferenceEntry("Audit\nInjecté;;", null, null)), withNull,
                List.of(new ReferenceEntry("Audit", "123\r456", null)))) {
            try {
                list.replace(ADMIN, bad);
                fail("accepted " + bad);
            } catch (ValidationException expected) {
                assertEquals("reference.name", expected.errors().get(0).code());
            }
        }
    }
}

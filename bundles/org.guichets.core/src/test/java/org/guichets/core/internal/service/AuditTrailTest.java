package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.junit.Test;

public class AuditTrailTest extends ServiceTestBase {

    private Candidature journey(Actor m) {
        return f.candidatures.create(m, f.product(m, "Agenda").id(), "edc-psc", "editeur");
    }

    private void sql(String statement) {
        f.db.write(em -> em.createNativeQuery(statement).executeUpdate());
    }

    @Test
    public void everyChangeIsRecordedWithActorTimeAndWhatChanged() {
        Actor m = f.company("Acme");
        Candidature c = journey(m);
        List<AuditEntry> history = f.audit.history(m, "candidature", c.number());
        assertEquals(1, history.size());
        AuditEntry created = history.get(0);
        assertEquals("candidature.created", created.action());
        assertEquals(m.accountId(), created.actorId());
        assertTrue(created.details(), created.details().contains("\"nru\":\"" + c.nru() + "\""));
        assertTrue(created.details(), created.details().contains("\"referentialVersion\":\"v1\""));
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(count("audit_entry"), v.entries());
        assertNull(v.problem());
    }

    /** One transaction of another process appending {@code entries} entries to the same trail. */
    private static void appendElsewhere(Database other, int entries) {
        other.write(em -> {
            for (int i = 1; i <= entries; i++) {
                AuditLog.append(em, Actor.system(), "test.elsewhere", "test", i);
            }
            return null;
        });
    }

    @Test
    public void theChainStaysWholeWhenAnotherProcessAppendsToTheSameDatabase() throws Exception {
        Actor m = f.company("Acme");
        journey(m);
        // a second process writing to the same database moves the head this one last left
        try (Database other = new Database(f.settings, AuditTrailTest.class.getClassLoader())) {
            for (int i = 0; i < 3; i++) {
                appendElsewhere(other, 2);
                f.product(m, "Produit " + i);
            }
        }
        journey(m);
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(count("audit_entry"), v.entries());
        assertEquals(6, count("audit_entry WHERE action_name = 'test.elsewhere'"));
        long head = f.db.read(em -> ((Number) em.createNativeQuery("SELECT last_seq FROM audit_head").getSingleResult()).longValue());
        assertEquals(count("audit_entry"), head);
    }

    @Test
    public void aTransactionThatFailsAfterChainingLeavesTheChainWhole() throws Exception {
        Actor m = f.company("Acme");
        journey(m);
        // its entry is chained, then the transaction fails (a second head row): nothing of it is kept, and
        // the next transaction chains after the last committed entry, not after the lost one
        assertThrows(RuntimeException.class, () -> f.db.write(em -> {
            AuditLog.append(em, Actor.system(), "test.lost", "test", 1);
            Database.last(em, "after the chain", () -> null, (tx, none) -> tx.createNativeQuery(
                    "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, '0')").executeUpdate());
            return null;
        }));
        assertEquals(0, count("audit_entry WHERE action_name = 'test.lost'"));
        // another process appends one entry: the head's number is now the one the lost entry had, so
        // a head wrongly kept from the failed transaction would pass the condition and chain after it
        try (Database other = new Database(f.settings, AuditTrailTest.class.getClassLoader())) {
            appendElsewhere(other, 1);
        }
        f.product(m, "Après");
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(count("audit_entry"), v.entries());
    }

    @Test
    public void anAlteredEntryIsDetected() {
        Actor m = f.company("Acme");
        journey(m);
        sql("UPDATE audit_entry SET details = '{\"nru\":\"forged\"}' WHERE seq = 3");
        AuditVerification v = f.audit.verify(Actor.system());
        assertFalse(v.intact());
        assertEquals(3, v.firstBrokenSequence());
        assertTrue(v.problem(), v.problem().contains("altered"));
    }

    @Test
    public void aRemovedEntryIsDetected() {
        Actor m = f.company("Acme");
        journey(m);
        sql("DELETE FROM audit_entry WHERE seq = 2");
        AuditVerification v = f.audit.verify(Actor.system());
        assertFalse(v.intact());
        assertEquals(2, v.firstBrokenSequence());
        assertTrue(v.problem(), v.problem().contains("missing"));
    }

    @Test
    public void entriesRemovedFromTheEndAreDetected() {
        Actor m = f.company("Acme");
        journey(m);
        long last = count("audit_entry");
        sql("DELETE FROM audit_entry WHERE seq = " + last);
        AuditVerification v = f.audit.verify(Actor.system());
        assertFalse(v.intact());
        assertTrue(v.problem(), v.problem().contains("removed from the end"));
    }

    @Test
    public void aRecomputedButReplacedEntryBreaksTheChain() {
        Actor m = f.company("Acme");
        journey(m);
        // a forger who rewrites an entry and its own hash still breaks the next entry's link
        sql("UPDATE audit_entry SET entry_hash = '" + "a".repeat(64) + "' WHERE seq = 2");
        AuditVerification v = f.audit.verify(Actor.system());
        assertFalse(v.intact());
        assertEquals(2, v.firstBrokenSequence());
    }

    @Test
    public void onlyAdministratorsVerifyAndCompaniesSeeTheirOwnHistory() {
        Actor m = f.company("Acme");
        Candidature c = journey(m);
        Actor foreign = f.company("Autre");
        assertThrows(AccessDeniedException.class, () -> f.audit.verify(m));
        assertThrows(AccessDeniedException.class, () -> f.audit.verify(f.staff(PlatformRole.REVIEWER)));
        assertTrue(f.audit.verify(f.staff(PlatformRole.ADMIN)).intact());
        assertThrows(NotFoundException.class, () -> f.audit.history(foreign, "candidature", c.number()));
        assertEquals(1, f.audit.history(f.staff(PlatformRole.REVIEWER), "candidature", c.number()).size());
        assertEquals("audit trail intact: " + count("audit_entry") + " entries verified", f.audit.auditverify());
    }
}

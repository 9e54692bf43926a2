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
import org.guichets.core.internal.audit.AuditSequencer;
import org.guichets.core.internal.db.Database;
import org.junit.Test;

public class AuditTrailTest extends ServiceTestBase {

    private Candidature journey(Actor m) {
        return f.candidatures.create(m, f.product(m, "Agenda").id(), "edc-psc", "editeur");
    }

    /** Runs a statement of a forger, once every entry committed so far is chained (as an attacker would find them). */
    private void sql(String statement) {
        count("audit_pending");
        assertEquals("the statement changes a row: " + statement, 1,
                (int) f.db.write(em -> em.createNativeQuery(statement).executeUpdate()));
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
    public void aTransactionThatFailsRecordsNothing() throws Exception {
        Actor m = f.company("Acme");
        journey(m);
        assertThrows(IllegalStateException.class, () -> f.db.write(em -> {
            AuditLog.append(em, Actor.system(), "test.lost", "test", 1);
            em.flush();
            throw new IllegalStateException("the change fails after its entry was written");
        }));
        assertEquals(0, count("audit_entry WHERE action_name = 'test.lost'"));
        assertEquals(0, count("audit_pending"));
        f.product(m, "Après");
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(count("audit_entry"), v.entries());
    }

    @Test
    public void theEntriesOfATransactionAreChainedInTheOrderRecordedAndSoonWithoutBeingAsked() throws Exception {
        f.db.write(em -> {
            for (int i = 1; i <= 7; i++) {
                AuditLog.append(em, Actor.system(), "test.ordered", "test", "order", "n", i);
            }
            return null;
        });
        // the sequencer's thread chains them on its own, moments after the commit
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (rows("audit_pending") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("chained by the sequencer's thread within 10 s", 0, rows("audit_pending"));
        List<AuditEntry> history = f.audit.history(Actor.system(), "test", "order");
        assertEquals(7, history.size());
        for (int i = 0; i < 7; i++) {
            assertEquals("{\"n\":" + (i + 1) + "}", history.get(i).details());
            if (i > 0) {
                assertEquals(history.get(i - 1).sequence() + 1, history.get(i).sequence());
            }
        }
    }

    /** Rows of a table as they are, without chaining first. */
    private long rows(String table) {
        return f.db.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table).getSingleResult()).longValue());
    }

    @Test
    public void entriesAProcessStoppedBeforeChainingAreChainedByTheNextPass() throws Exception {
        Actor m = f.company("Acme");
        Candidature c = journey(m);
        // committed by a process that stopped before its sequencer ran: the row alone is left
        sql("INSERT INTO audit_pending (id, occurred_at, actor_id, actor_name, action_name, subject_type, subject_id,"
                + " details) VALUES (900000000, CURRENT_TIMESTAMP, 0, 'system', 'test.leftover', 'candidature', '"
                + c.number() + "', '{}')");
        List<AuditEntry> history = f.audit.history(m, "candidature", c.number());
        assertEquals(2, history.size());
        assertEquals("test.leftover", history.get(1).action());
        assertEquals(0, rows("audit_pending"));
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(rows("audit_entry"), v.entries());
    }

    @Test
    public void twoProcessesChainingAtOnceNeitherLoseNorRepeatAnEntry() throws Exception {
        int perThread = 40;
        try (Database other = new Database(f.settings, AuditTrailTest.class.getClassLoader())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
                for (Database db : List.of(f.db, other, f.db, other)) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            db.write(em -> {
                                AuditLog.append(em, Actor.system(), "test.both", "test", "both");
                                AuditLog.append(em, Actor.system(), "test.both", "test", "both");
                                return null;
                            });
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<?> d : done) {
                    d.get();
                }
                AuditSequencer.of(other).chainPending();
                // the head's lock makes them take turns: no pass failed on an entry number the other took
                assertEquals(0, AuditSequencer.of(other).failedPasses());
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(4 * perThread * 2, count("audit_entry WHERE action_name = 'test.both'"));
        assertEquals(0, AuditSequencer.of(f.db).failedPasses());
        assertEquals(0, rows("audit_pending"));
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(rows("audit_entry"), v.entries());
        long head = f.db.read(em -> ((Number) em.createNativeQuery("SELECT last_seq FROM audit_head").getSingleResult()).longValue());
        assertEquals(rows("audit_entry"), head);
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

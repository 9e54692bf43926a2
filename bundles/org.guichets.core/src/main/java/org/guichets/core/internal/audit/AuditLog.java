package org.guichets.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.guichets.core.internal.Times;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AuditEntryEntity;

/**
 * Appends to the hash-chained audit trail inside the caller's transaction: the entries commit or
 * roll back with the change they record. A transaction's entries are chained just before it
 * commits, after its other changes were written, so that no transaction waits for another row while
 * it holds the chain's head, and the chain never forks.
 *
 * <p>The head (the last entry's number and hash, in the {@code audit_head} row) is held, in this
 * process, by a lock of the database's taken at chaining and given back once the transaction ended;
 * the head its last commit left is kept in memory, so that a transaction moves the row in one
 * statement, on condition that it is still there. When it is not (the first transaction of this
 * process, one after a failed commit, or another process writing to the same database) the row is
 * locked and read first: the chain stays whole whatever writes to it. Thread-safe; its only state is
 * each database's head.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {}

    /**
     * Records one change, in the order of the calls, when the transaction of {@code em} (one of
     * {@code Database.write}) commits.
     *
     * @param details what changed, as name/value pairs in order: {@code "status", "ACTIVE", …}
     */
    public static void append(EntityManager em, Actor actor, String action, String subjectType, Object subjectId,
            Object... details) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            map.put(String.valueOf(details[i]), details[i + 1]);
        }
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.occurredAt = Times.now();
        entry.actorId = actor.accountId();
        entry.actorName = actor.displayName();
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = String.valueOf(subjectId);
        try {
            entry.details = JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable: " + map.keySet(), e);
        }
        Database.last(em, AuditLog.class, ArrayList<AuditEntryEntity>::new, AuditLog::chain).add(entry);
    }

    /** The chain's head as this process knows it, and who holds it (one per database). */
    static final class Head {
        private final ReentrantLock lock = new ReentrantLock();
        /** The number and hash of the last entry this process committed, or -1 when not known. */
        private long seq = -1;
        private String hash;
        /** The last entry of the transaction holding the lock: the head once it commits. */
        private AuditEntryEntity next;

        /** Given back when the holder's transaction ended: its head is known only if it committed. */
        private void release(boolean committed) {
            boolean known = committed && next != null;
            seq = known ? next.seq : -1;
            hash = known ? next.hash : null;
            next = null;
            lock.unlock();
        }
    }

    /** Chains the transaction's entries after the head, last thing before the commit. */
    private static void chain(EntityManager em, List<AuditEntryEntity> entries) {
        // every other row the transaction writes is locked now, before the head
        em.flush();
        Head head = Database.kept(em, Head.class, Head::new);
        head.lock.lock();
        Database.atEnd(em, head::release);
        int n = entries.size();
        // plain statements the database keeps parsed (H2 parses a SELECT … FOR UPDATE, and EclipseLink
        // prepares a locking find, afresh each time)
        boolean moved = head.seq >= 0 && em.createNativeQuery("UPDATE audit_head SET last_seq = ?1, last_hash = ?2"
                        + " WHERE id = 1 AND last_seq = ?3")
                .setParameter(1, head.seq + n).setParameter(2, link(entries, head.seq + 1, head.hash))
                .setParameter(3, head.seq).setFlushMode(FlushModeType.COMMIT).executeUpdate() == 1;
        if (!moved) {
            // the head not known here, or moved by another process: the row locked by moving its
            // sequence on, then read
            em.createNativeQuery("UPDATE audit_head SET last_seq = last_seq + ?1 WHERE id = 1").setParameter(1, n)
                    .setFlushMode(FlushModeType.COMMIT).executeUpdate();
            Object[] row = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                    .setFlushMode(FlushModeType.COMMIT).getSingleResult();
            String last = link(entries, ((Number) row[0]).longValue() - n + 1, String.valueOf(row[1]).strip());
            em.createNativeQuery("UPDATE audit_head SET last_hash = ?1 WHERE id = 1").setParameter(1, last)
                    .setFlushMode(FlushModeType.COMMIT).executeUpdate();
        }
        for (AuditEntryEntity entry : entries) {
            em.persist(entry);
        }
        head.next = entries.get(n - 1);
    }

    /** Numbers and hashes {@code entries} from {@code seq} after {@code previous}; the last hash. */
    private static String link(List<AuditEntryEntity> entries, long seq, String previous) {
        for (AuditEntryEntity entry : entries) {
            entry.seq = seq++;
            entry.previousHash = previous;
            entry.hash = hash(entry);
            previous = entry.hash;
        }
        return previous;
    }

    /** SHA-256 over the previous hash and every field, each prefixed by its length (no ambiguity). */
    public static String hash(AuditEntryEntity e) {
        StringBuilder sb = new StringBuilder();
        for (Object field : new Object[] {e.previousHash, e.seq, e.occurredAt.toInstant().toEpochMilli(), e.actorId,
                e.actorName, e.action, e.subjectType, e.subjectId, e.details}) {
            String s = String.valueOf(field);
            sb.append(s.length()).append(':').append(s).append('\n');
        }
        return Database.sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}

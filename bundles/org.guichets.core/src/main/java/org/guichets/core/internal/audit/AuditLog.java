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
import org.guichets.core.internal.Times;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AuditEntryEntity;

/**
 * Appends to the hash-chained audit trail inside the caller's transaction: the entries commit or
 * roll back with the change they record. A transaction's entries are chained just before it
 * commits, after its other changes were written: the chain's head row is the last lock it takes,
 * so transactions queue on the head without ever holding it while they wait for another row (no
 * deadlock between, say, a candidate's deposit and a reviewer's verdict on one candidature), and
 * the chain never forks. Stateless and thread-safe.
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

    /** Chains the transaction's entries after the head, last thing before the commit. */
    private static void chain(EntityManager em, List<AuditEntryEntity> entries) {
        // every other row the transaction writes is locked now, before the head
        em.flush();
        // the head row is locked by moving its sequence on, then read: plain statements the database
        // keeps parsed (H2 parses a SELECT … FOR UPDATE, and EclipseLink prepares a locking find, afresh
        // each time)
        em.createNativeQuery("UPDATE audit_head SET last_seq = last_seq + ?1 WHERE id = 1").setParameter(1, entries.size())
                .setFlushMode(FlushModeType.COMMIT).executeUpdate();
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .setFlushMode(FlushModeType.COMMIT).getSingleResult();
        long seq = ((Number) head[0]).longValue() - entries.size() + 1;
        String previous = String.valueOf(head[1]).strip();
        for (AuditEntryEntity entry : entries) {
            entry.seq = seq++;
            entry.previousHash = previous;
            entry.hash = hash(entry);
            previous = entry.hash;
            em.persist(entry);
        }
        em.createNativeQuery("UPDATE audit_head SET last_hash = ?1 WHERE id = 1").setParameter(1, previous)
                .setFlushMode(FlushModeType.COMMIT).executeUpdate();
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

package org.guichets.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichets.core.internal.Times;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AuditEntryEntity;

/**
 * Appends to the hash-chained audit trail inside the caller's transaction: the entry commits or
 * rolls back with the change it records. Appending locks the chain's head row, so concurrent
 * transactions queue and the chain never forks. Stateless and thread-safe.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {}

    /**
     * Records one change.
     *
     * @param details what changed, as name/value pairs in order: {@code "status", "ACTIVE", …}
     */
    public static AuditEntryEntity append(EntityManager em, Actor actor, String action, String subjectType,
            Object subjectId, Object... details) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            map.put(String.valueOf(details[i]), details[i + 1]);
        }
        String json;
        try {
            json = JSON.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details are not serialisable: " + map.keySet(), e);
        }
        // the head row is locked by moving its sequence on, then read: plain statements the database
        // keeps parsed (H2 parses a SELECT … FOR UPDATE, and EclipseLink prepares a locking find, afresh
        // each time); none needs the persistence context flushed first
        em.createNativeQuery("UPDATE audit_head SET last_seq = last_seq + 1 WHERE id = 1").setFlushMode(FlushModeType.COMMIT)
                .executeUpdate();
        Object[] head = (Object[]) em.createNativeQuery("SELECT last_seq, last_hash FROM audit_head WHERE id = 1")
                .setFlushMode(FlushModeType.COMMIT).getSingleResult();
        AuditEntryEntity entry = new AuditEntryEntity();
        entry.seq = ((Number) head[0]).longValue();
        entry.occurredAt = Times.now();
        entry.actorId = actor.accountId();
        entry.actorName = actor.displayName();
        entry.action = action;
        entry.subjectType = subjectType;
        entry.subjectId = String.valueOf(subjectId);
        entry.details = json;
        entry.previousHash = String.valueOf(head[1]).strip();
        entry.hash = hash(entry);
        em.persist(entry);
        em.createNativeQuery("UPDATE audit_head SET last_hash = ?1 WHERE id = 1").setParameter(1, entry.hash)
                .setFlushMode(FlushModeType.COMMIT).executeUpdate();
        return entry;
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

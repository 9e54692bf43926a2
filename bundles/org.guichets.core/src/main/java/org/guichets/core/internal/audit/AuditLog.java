package org.guichets.core.internal.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichets.core.internal.Times;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AuditEntryEntity;
import org.guichets.core.internal.jpa.AuditPendingEntity;

/**
 * Records audit entries inside the caller's transaction: they commit or roll back with the change
 * they record, as rows waiting to be chained, and the {@link AuditSequencer} numbers and hashes them
 * into the trail moments after the commit. No transaction waits for another to append. Thread-safe;
 * no state.
 */
public final class AuditLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLog() {}

    /**
     * Records one change, chained after the entries the same transaction recorded before it, once
     * the transaction of {@code em} (one of {@code Database.write}) commits.
     *
     * @param details what changed, as name/value pairs in order: {@code "status", "ACTIVE", …}
     */
    public static void append(EntityManager em, Actor actor, String action, String subjectType, Object subjectId,
            Object... details) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < details.length; i += 2) {
            map.put(String.valueOf(details[i]), details[i + 1]);
        }
        AuditPendingEntity entry = new AuditPendingEntity();
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
        // its id, drawn now, orders it after the transaction's earlier entries
        em.persist(entry);
        AuditSequencer sequencer = Database.kept(em, AuditSequencer.class, AuditSequencer::new);
        Database.atEnd(em, AuditSequencer.class, committed -> {
            if (committed) {
                sequencer.wake();
            }
        });
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

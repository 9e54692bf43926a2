package org.guichets.api.audit;

import java.util.List;
import java.util.Map;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audit trail: every state change and decision, with actor, time and what changed, each entry
 * chained to the previous one by a SHA-256 hash so that an altered or removed entry is detected.
 * Written by the core's services in the same transaction as the change they record, and by plugins
 * through {@link #record}.
 */
@ProviderType
public interface AuditTrail {

    /** The entries about one record, oldest first; for agency staff, and for the record's company. */
    List<AuditEntry> history(Actor actor, String subjectType, String subjectId);

    /**
     * Checks every entry against its hash and its predecessor, and the last one against the
     * trail's head; for administrators and the platform.
     */
    AuditVerification verify(Actor actor);

    /**
     * Records a change made outside the core (a plugin's reference data, a setting) in its own
     * transaction.
     *
     * @param actor who made it
     * @param action what was done, e.g. {@code reference.replaced}
     * @param subjectType the kind of record changed, e.g. {@code reference}
     * @param subjectId its id
     * @param details what changed, in order; values are written as JSON
     */
    void record(Actor actor, String action, String subjectType, String subjectId, Map<String, ?> details);
}

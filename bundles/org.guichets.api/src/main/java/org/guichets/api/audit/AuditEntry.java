package org.guichets.api.audit;

import java.time.Instant;

/**
 * One entry of the audit trail.
 *
 * @param sequence position in the trail, from 1, without gaps
 * @param at when it happened
 * @param actorId the account that acted, 0 for the platform
 * @param actorName the actor's name at the time
 * @param action what happened, e.g. {@code candidature.created}
 * @param subjectType the kind of record, e.g. {@code candidature}
 * @param subjectId the record's identifier
 * @param details what changed, as JSON
 * @param hash SHA-256 (hex) over the previous entry's hash and this entry's fields
 */
public record AuditEntry(long sequence, Instant at, long actorId, String actorName, String action, String subjectType,
        String subjectId, String details, String hash) {}

package org.guichets.api.audit;

/**
 * The result of checking the whole audit trail.
 *
 * @param intact whether every entry is present and unaltered
 * @param entries how many entries were checked
 * @param firstBrokenSequence the first entry found altered, removed or out of place; 0 if intact
 * @param problem what is wrong there, in English; {@code null} if intact
 */
public record AuditVerification(boolean intact, long entries, long firstBrokenSequence, String problem) {}

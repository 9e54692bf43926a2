package org.guichets.api.deliverable;

import java.time.Instant;
import java.util.List;

/**
 * Something happened to a deliverable; told to {@link DeliverableListener}s after it committed.
 *
 * @param type what happened
 * @param deliverable the deliverable as it now is
 * @param daysLeft for {@link Type#EXPIRING}: the reminder (90, 30 or 7 days before expiry); else 0
 * @param at when
 */
public record DeliverableEvent(Type type, IssuedDeliverable deliverable, int daysLeft, Instant at) {

    /** The reminders before expiry, in days. */
    public static final List<Integer> REMINDER_DAYS = List.of(90, 30, 7);

    /** What happened. */
    public enum Type { ISSUED, EXPIRING, EXPIRED, REVOKED }
}

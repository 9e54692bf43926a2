package org.guichets.api.candidature;

import java.time.Instant;
import java.util.List;

/**
 * The committee's decision (step 3).
 *
 * @param candidatureNumber the candidature
 * @param outcome the outcome
 * @param reason why
 * @param reservations the reservations of a favourable decision with reservations
 * @param decidedBy the committee member who recorded it
 * @param decidedAt when
 */
public record Decision(String candidatureNumber, DecisionOutcome outcome, String reason, List<Reservation> reservations,
        long decidedBy, Instant decidedAt) {
    public Decision {
        reservations = List.copyOf(reservations);
    }
}

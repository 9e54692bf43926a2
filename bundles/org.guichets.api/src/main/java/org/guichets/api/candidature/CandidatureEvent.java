package org.guichets.api.candidature;

import java.time.Instant;
import java.util.Map;

/**
 * Something happened to a candidature; told to {@link CandidatureListener}s after the change
 * committed.
 *
 * @param type what happened
 * @param candidatureNumber the candidature
 * @param organizationId its company
 * @param dispositifId its scheme
 * @param guichetId its guichet
 * @param actorId who did it (0 for the platform)
 * @param at when
 * @param details more about it (chapter id, deliverable id, outcome…)
 */
public record CandidatureEvent(Type type, String candidatureNumber, long organizationId, String dispositifId,
        String guichetId, long actorId, Instant at, Map<String, String> details) {

    public CandidatureEvent {
        details = Map.copyOf(details);
    }

    /** What happened. */
    public enum Type {
        CREATED,
        FORM_SUBMITTED,
        FORM_RETURNED,
        FORM_VALIDATED,
        CHAPTER_SUBMITTED,
        CHAPTER_RETURNED,
        CHAPTER_VALIDATED,
        /** A deliverable is due: {@code details.deliverable} names it. */
        DELIVERABLE_DUE,
        DECISION_TAKEN,
        MESSAGE_POSTED
    }
}

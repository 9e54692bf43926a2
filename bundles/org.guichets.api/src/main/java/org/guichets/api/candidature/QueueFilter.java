package org.guichets.api.candidature;

import java.time.Duration;

/**
 * What a reviewer's or the committee's work queue shows; every field is optional.
 *
 * @param dispositifId only this scheme
 * @param guichetId only this guichet
 * @param step only items at this step (FORM and EVIDENCE for reviewers, HABILITATION for the committee)
 * @param minWaiting only items waiting at least this long
 * @param oldestFirst in the order of the sort key, oldest first (default) or newest first
 * @param status whose turn it is: the agency's (default, when null) or the candidate's
 * @param assignment everyone's items (default, when null), the actor's, or those nobody has claimed
 * @param sort since when the item waits (default, when null) or since when the candidate has been silent
 */
public record QueueFilter(String dispositifId, String guichetId, Step step, Duration minWaiting, boolean oldestFirst,
        QueueStatus status, Assignment assignment, Sort sort) {

    /** Items of the agency's turn, whoever holds them, sorted by waiting time. */
    public QueueFilter(String dispositifId, String guichetId, Step step, Duration minWaiting, boolean oldestFirst) {
        this(dispositifId, guichetId, step, minWaiting, oldestFirst, null, null, null);
    }

    /** Everything waiting for the agency, longest waiting first. */
    public static QueueFilter all() {
        return new QueueFilter(null, null, null, null, true);
    }

    /** The status asked, the agency's turn when none is. */
    public QueueStatus statusOrDefault() {
        return status == null ? QueueStatus.AGENCY : status;
    }

    /** Whose items a queue shows. */
    public enum Assignment {
        ANY,
        MINE,
        UNASSIGNED
    }

    /** The queue's sort key. */
    public enum Sort {
        /** Since when the item waits for whoever's turn it is. */
        WAITING,
        /** Since when the candidate has done nothing on the candidature (the longest silent first). */
        CANDIDATE_SILENCE
    }
}

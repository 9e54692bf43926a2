package org.guichets.api.candidature;

import java.time.Duration;

/**
 * What a reviewer's or the committee's work queue shows; every field is optional.
 *
 * @param dispositifId only this scheme
 * @param guichetId only this guichet
 * @param step only items waiting at this step (FORM and EVIDENCE for reviewers, HABILITATION for the committee)
 * @param minWaiting only items waiting at least this long
 * @param oldestFirst order by waiting time, longest first (default) or shortest first
 */
public record QueueFilter(String dispositifId, String guichetId, Step step, Duration minWaiting, boolean oldestFirst) {

    /** Everything, longest waiting first. */
    public static QueueFilter all() {
        return new QueueFilter(null, null, null, null, true);
    }
}

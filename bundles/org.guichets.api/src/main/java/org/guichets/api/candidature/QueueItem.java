package org.guichets.api.candidature;

import java.time.Instant;

/**
 * A candidature under instruction, from its first submission to the committee's decision.
 *
 * @param candidatureNumber the candidature
 * @param dispositifId its scheme
 * @param guichetId its guichet
 * @param organizationName the applying company
 * @param productName the product
 * @param step the step at hand: the form or a chapter for reviewers, the decision for the committee
 * @param waitingSince since when it is this side's turn
 * @param status whose turn it is
 * @param assigneeId the staff member who holds it, or null
 * @param assigneeName that member's name, or null
 * @param candidateActiveAt the candidate's last action on the candidature (silent since then)
 */
public record QueueItem(String candidatureNumber, String dispositifId, String guichetId, String organizationName,
        String productName, Step step, Instant waitingSince, QueueStatus status, Long assigneeId, String assigneeName,
        Instant candidateActiveAt) {

    /** An item of the agency's turn that nobody holds. */
    public QueueItem(String candidatureNumber, String dispositifId, String guichetId, String organizationName,
            String productName, Step step, Instant waitingSince) {
        this(candidatureNumber, dispositifId, guichetId, organizationName, productName, step, waitingSince, QueueStatus.AGENCY,
                null, null, waitingSince);
    }
}

package org.guichets.api.candidature;

import java.time.Instant;

/**
 * A candidature waiting for the agency.
 *
 * @param candidatureNumber the candidature
 * @param dispositifId its scheme
 * @param guichetId its guichet
 * @param organizationName the applying company
 * @param productName the product
 * @param step the step that waits: the form or a chapter for reviewers, the decision for the committee
 * @param waitingSince since when it waits
 */
public record QueueItem(String candidatureNumber, String dispositifId, String guichetId, String organizationName,
        String productName, Step step, Instant waitingSince) {}

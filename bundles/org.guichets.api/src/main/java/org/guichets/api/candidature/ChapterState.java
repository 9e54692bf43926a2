package org.guichets.api.candidature;

/** Where a chapter of evidence stands. */
public enum ChapterState {
    /** "À compléter": the candidate deposits its evidence. */
    TO_COMPLETE,
    /** "Soumis": sent to the agency, waiting for review. */
    SUBMITTED,
    /** Sent back: some evidence is not conformant. */
    RETURNED,
    /** "Validé": every piece of its evidence is conformant. */
    VALIDATED
}

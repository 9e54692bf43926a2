package org.guichets.api.candidature;

/** Whose turn it is on a candidature under instruction. */
public enum QueueStatus {
    /** A form, chapter or decision waits for the agency. */
    AGENCY,
    /** Returned to the candidate, or its evidence still to deposit: the candidate's move. */
    CANDIDATE
}

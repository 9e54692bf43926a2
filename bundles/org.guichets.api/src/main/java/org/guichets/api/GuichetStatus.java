package org.guichets.api;

/** Whether a guichet accepts new candidatures, as its scheme declares it. */
public enum GuichetStatus {
    /** Candidates may create candidatures. */
    OPEN,
    /** Announced, not yet open ("à venir"). */
    UPCOMING,
    /** No new candidatures; existing ones stay readable. */
    CLOSED
}

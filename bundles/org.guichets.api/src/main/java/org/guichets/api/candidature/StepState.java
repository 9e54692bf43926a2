package org.guichets.api.candidature;

/** Where one step of a candidature stands. */
public enum StepState {
    /** Waits for the previous step to be validated. */
    LOCKED,
    /** Open to the candidate ("Démarrer"). */
    IN_PROGRESS,
    /** Sent to the agency; the candidate can no longer change it. */
    SUBMITTED,
    /** Sent back by the agency with comments; the candidate changes it and submits again. */
    RETURNED,
    /** Accepted by the agency: the next step unlocks. */
    VALIDATED,
    /** The committee decided against the candidature (habilitation step only). */
    REFUSED
}

package org.guichets.api.candidature;

/** The three steps of every guichet, in order. */
public enum Step {
    /** Formulaire administratif. */
    FORM,
    /** Dépôt de preuves. */
    EVIDENCE,
    /** Habilitation: the committee's decision and the signed deliverable. */
    HABILITATION
}

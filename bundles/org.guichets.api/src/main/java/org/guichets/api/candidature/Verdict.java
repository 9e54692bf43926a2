package org.guichets.api.candidature;

/** A reviewer's verdict on one piece of evidence (one file). */
public enum Verdict {
    CONFORM,
    /** Not conformant: the comment says why; the candidate replaces it. */
    NON_CONFORM
}

package org.guichets.api.candidature;

/** The committee's decision on a candidature. */
public enum DecisionOutcome {
    FAVOURABLE,
    /** Favourable, with reservations that have an owner and a due date. */
    FAVOURABLE_WITH_RESERVATIONS,
    UNFAVOURABLE;

    public boolean favourable() {
        return this != UNFAVOURABLE;
    }
}

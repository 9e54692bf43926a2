package org.guichets.api.identity;

/** A user's role in its company, chosen at sign-up. */
public enum OrganizationRole {
    /** Identity verified; manages the company's accounts and approves those who join. */
    MANDATAIRE,
    /** Appointed by the mandataire; may create accounts. */
    RESPONSABLE,
    /** Manages no accounts. */
    SALARIE;

    /** Whether this role may approve and manage the company's accounts. */
    public boolean managesAccounts() {
        return this != SALARIE;
    }
}

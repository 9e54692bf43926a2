package org.guichets.api.identity;

/** Whether an account may sign in. */
public enum AccountStatus {
    /** Asked to join a company; waits for its mandataire. */
    PENDING_APPROVAL,
    /** May sign in. */
    ACTIVE,
    /** May no longer sign in; kept for the audit trail. */
    DISABLED
}

package org.guichets.api.deliverable;

/** Where a deliverable stands. */
public enum DeliverableStatus {
    /** Due, not yet rendered and signed (the signing service is busy, absent or failed: it is retried). */
    PENDING,
    /** Issued and in validity. */
    VALID,
    /** Its validity ended. */
    EXPIRED,
    /** Withdrawn by the agency, with a reason. */
    REVOKED
}

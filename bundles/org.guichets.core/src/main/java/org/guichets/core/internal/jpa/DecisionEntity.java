package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "decision")
public class DecisionEntity {
    @Id
    @Column(name = "candidature_id")
    public long candidatureId;
    /** A {@code DecisionOutcome} name. */
    public String outcome;
    public String reason;
    /** JSON array of {text, owner, due}. */
    public String reservations;
    @Column(name = "decided_by")
    public long decidedBy;
    @Column(name = "decided_at")
    public OffsetDateTime decidedAt;
}

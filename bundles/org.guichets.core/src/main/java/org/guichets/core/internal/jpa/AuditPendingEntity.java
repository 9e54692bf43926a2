package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * An audit entry its transaction recorded, waiting to be chained ({@code AuditSequencer}); its id
 * orders the entries of one transaction as they were recorded.
 */
@Entity
@Table(name = "audit_pending")
public class AuditPendingEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public long id;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    @Column(name = "actor_id")
    public long actorId;
    @Column(name = "actor_name")
    public String actorName;
    @Column(name = "action_name")
    public String action;
    @Column(name = "subject_type")
    public String subjectType;
    @Column(name = "subject_id")
    public String subjectId;
    public String details;
}

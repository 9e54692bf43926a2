package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {
    @Id
    public long seq;
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
    @Column(name = "previous_hash")
    public String previousHash;
    @Column(name = "entry_hash")
    public String hash;
}

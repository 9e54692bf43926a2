package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The last entry of the audit chain (one row, id 1), locked by every append. */
@Entity
@Table(name = "audit_head")
public class AuditHeadEntity {
    @Id
    public int id;
    @Column(name = "last_seq")
    public long lastSeq;
    @Column(name = "last_hash")
    public String lastHash;
}

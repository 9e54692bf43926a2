package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.guichets.core.internal.db.Versioned;
import java.time.OffsetDateTime;

@Entity
@Table(name = "deliverable")
public class DeliverableEntity implements Versioned {
    @Id
    public String id;
    @Column(name = "candidature_id")
    public long candidatureId;
    @Column(name = "candidature_number")
    public String candidatureNumber;
    @Column(name = "organization_id")
    public long organizationId;
    @Column(name = "dispositif_id")
    public String dispositifId;
    @Column(name = "guichet_id")
    public String guichetId;
    @Column(name = "declaration_id")
    public String declarationId;
    @Column(name = "kind")
    public String documentKind;
    /** ISO 8601 period. */
    public String validity;
    /** {@code DeliverableStatus} name. */
    public String status;
    @Column(name = "due_at")
    public OffsetDateTime dueAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "organization_name")
    public String organizationName;
    public String nru;
    /** Comma-separated, sorted. */
    public String profiles;
    @Column(name = "software_name")
    public String softwareName;
    @Column(name = "software_version")
    public String softwareVersion;
    @Column(name = "issued_at")
    public OffsetDateTime issuedAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    public String sha256;
    /** The tightest reminder told so far, in days before expiry. */
    @Column(name = "reminded_days")
    public Integer remindedDays;
    @Column(name = "revocation_reason")
    public String revocationReason;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    @Column(name = "revoked_by")
    public Long revokedBy;
    @Version
    public long version;

    @Override
    public String kind() {
        return "deliverable";
    }

    @Override
    public Object key() {
        return id;
    }

    @Override
    public long version() {
        return version;
    }
}

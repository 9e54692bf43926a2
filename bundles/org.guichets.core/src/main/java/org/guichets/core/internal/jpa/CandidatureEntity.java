package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.guichets.core.internal.db.Versioned;

@Entity
@Table(name = "candidature")
public class CandidatureEntity implements Versioned {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "candidature_number")
    public String number;
    @Column(name = "organization_id")
    public long organizationId;
    @Column(name = "product_id")
    public long productId;
    @Column(name = "dispositif_id")
    public String dispositifId;
    @Column(name = "guichet_id")
    public String guichetId;
    public String nru;
    @Column(name = "referential_version")
    public String referentialVersion;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "created_by")
    public long createdBy;
    /** {@code StepState} names. */
    @Column(name = "form_state")
    public String formState;
    @Column(name = "evidence_state")
    public String evidenceState;
    @Column(name = "habilitation_state")
    public String habilitationState;
    @Version
    public long version;

    @Override
    public String kind() {
        return "candidature";
    }

    @Override
    public Object key() {
        return number;
    }

    @Override
    public long version() {
        return version;
    }
}

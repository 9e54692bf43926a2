package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.guichets.core.internal.db.Versioned;

@Entity
@Table(name = "organization")
@SequenceGenerator(name = "guichets_id", sequenceName = "guichets_id_seq", allocationSize = 50)
public class OrganizationEntity implements Versioned {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "legal_name")
    public String legalName;
    public String siret;
    @Column(name = "legal_form")
    public String legalForm;
    public String street;
    @Column(name = "postal_code")
    public String postalCode;
    public String city;
    public String country;
    @Column(name = "legal_representative")
    public String legalRepresentative;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    @Override
    public String kind() {
        return "organization";
    }

    @Override
    public Object key() {
        return siret;
    }

    @Override
    public long version() {
        return version;
    }
}

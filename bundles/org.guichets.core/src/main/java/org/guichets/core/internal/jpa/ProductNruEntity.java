package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A product's NRU in one dispositif: assigned once, never changed. */
@Entity
@Table(name = "product_nru")
public class ProductNruEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "product_id")
    public long productId;
    @Column(name = "dispositif_id")
    public String dispositifId;
    public String nru;
    @Column(name = "assigned_at")
    public OffsetDateTime assignedAt;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A candidature waiting for the agency; absent when nothing waits. */
@Entity
@Table(name = "review_queue")
public class ReviewQueueEntity {
    @Id
    @Column(name = "candidature_id")
    public long candidatureId;
    /** A {@code Step} name. */
    @Column(name = "review_step")
    public String step;
    @Column(name = "waiting_since")
    public OffsetDateTime since;
    @Column(name = "dispositif_id")
    public String dispositifId;
    @Column(name = "guichet_id")
    public String guichetId;
}

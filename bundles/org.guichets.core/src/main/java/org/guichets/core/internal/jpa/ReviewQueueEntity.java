package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A candidature under instruction: from its first submission to the decision. */
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
    /** True when the candidate's move is awaited (returned, or evidence still to deposit). */
    @Column(name = "with_candidate")
    public boolean withCandidate;
    /** The staff member who holds it, or null. */
    @Column(name = "assignee_id")
    public Long assigneeId;
    /** The candidate's last action on the candidature. */
    @Column(name = "candidate_active_at")
    public OffsetDateTime candidateActiveAt;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.eclipse.persistence.annotations.Cache;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.db.Versioned;

/** Step 1 of a candidature. Its state lives on the candidature ({@code form_state}). */
@Entity
@Cacheable
@Cache(expiry = Database.CACHE_EXPIRY_MILLIS, refreshOnlyIfNewer = true)
@Table(name = "candidature_form")
public class FormEntity implements Versioned {
    @Id
    @Column(name = "candidature_id")
    public long candidatureId;
    /** Values by field id, as a JSON object of strings. */
    @Column(name = "field_values")
    public String values;
    /** Profile codes separated by commas. */
    public String profiles;
    /** The reviewer's comments by field id, as a JSON object. */
    @Column(name = "field_comments")
    public String fieldComments;
    @Column(name = "reviewer_message")
    public String reviewerMessage;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "validated_at")
    public OffsetDateTime validatedAt;
    @Version
    public long version;
    /** The candidature's number, for messages; not stored. */
    @jakarta.persistence.Transient
    public String number;

    @Override
    public String kind() {
        return "form";
    }

    @Override
    public Object key() {
        return number == null ? candidatureId : number;
    }

    @Override
    public long version() {
        return version;
    }
}

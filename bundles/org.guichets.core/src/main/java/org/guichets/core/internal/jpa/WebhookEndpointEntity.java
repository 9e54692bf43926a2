package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An organisation's webhook endpoint. */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpointEntity implements org.guichets.core.internal.db.Versioned {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "organization_id")
    public long organizationId;
    public String url;
    public String description;
    /** {@code WebhookEvent} names separated by commas. */
    public String events;
    public String secret;
    public boolean enabled;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "created_by")
    public long createdBy;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @jakarta.persistence.Version
    public long version;

    @Override
    public String kind() {
        return "webhook";
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

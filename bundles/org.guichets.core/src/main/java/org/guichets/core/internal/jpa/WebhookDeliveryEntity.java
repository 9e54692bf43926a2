package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One delivery of an event to a webhook endpoint. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDeliveryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "endpoint_id")
    public long endpointId;
    @Column(name = "event_id")
    public String eventId;
    /** A {@code WebhookEvent} name. */
    public String event;
    public String payload;
    /** A {@code WebhookDelivery.Status} name. */
    public String status;
    public int attempts;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_attempt_at")
    public OffsetDateTime lastAttemptAt;
    @Column(name = "response_status")
    public Integer responseStatus;
    @Column(name = "response_body")
    public String responseBody;
    public String error;
    @Column(name = "duration_millis")
    public long durationMillis;
    @Column(name = "replay_of")
    public Long replayOf;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An event to tell of, written with the change that caused it; deleted once told. */
@Entity
@Table(name = "notification_event")
public class NotificationEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    /** {@code candidature} or {@code deliverable}. */
    public String kind;
    @Column(name = "event_type")
    public String type;
    /** The candidature's number or the deliverable's id. */
    public String subject;
    /** The event's other fields, as JSON. */
    public String payload;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A mail waiting to be sent, or sent: what to render, to whom, in which language. */
@Entity
@Table(name = "mail_outbox")
public class MailEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    public String recipient;
    public String language;
    public String template;
    /** The template's parameters as a JSON object of strings. */
    public String params;
    /** PENDING, SENT or FAILED. */
    public String status;
    public int attempts;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "sent_at")
    public OffsetDateTime sentAt;
    public String error;
}

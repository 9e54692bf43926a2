package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "message")
public class MessageEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "candidature_id")
    public long candidatureId;
    @Column(name = "author_id")
    public long authorId;
    @Column(name = "author_name")
    public String authorName;
    @Column(name = "from_agency")
    public boolean fromAgency;
    public String body;
    @Column(name = "posted_at")
    public OffsetDateTime postedAt;
}

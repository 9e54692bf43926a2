package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.guichets.core.internal.db.Versioned;

@Entity
@Table(name = "candidature_chapter")
@IdClass(ChapterEntity.Key.class)
public class ChapterEntity implements Versioned {

    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public long candidatureId;
        public String chapterId;

        public Key() {}

        public Key(long candidatureId, String chapterId) {
            this.candidatureId = candidatureId;
            this.chapterId = chapterId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.candidatureId == candidatureId && Objects.equals(k.chapterId, chapterId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(candidatureId, chapterId);
        }
    }

    @Id
    @Column(name = "candidature_id")
    public long candidatureId;
    @Id
    @Column(name = "chapter_id")
    public String chapterId;
    /** A {@code ChapterState} name. */
    @Column(name = "chapter_state")
    public String state;
    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;
    @Column(name = "validated_at")
    public OffsetDateTime validatedAt;
    @Version
    public long version;

    @Override
    public String kind() {
        return "chapter";
    }

    @Override
    public Object key() {
        return chapterId;
    }

    @Override
    public long version() {
        return version;
    }
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A scheme descriptor as it was when the first candidature started on its referential version. */
@Entity
@Table(name = "referential")
@IdClass(ReferentialEntity.Key.class)
public class ReferentialEntity {

    /** The composite key. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String dispositifId;
        public String referentialVersion;

        public Key() {}

        public Key(String dispositifId, String referentialVersion) {
            this.dispositifId = dispositifId;
            this.referentialVersion = referentialVersion;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(dispositifId, k.dispositifId)
                    && Objects.equals(referentialVersion, k.referentialVersion);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dispositifId, referentialVersion);
        }
    }

    @Id
    @Column(name = "dispositif_id")
    public String dispositifId;
    @Id
    @Column(name = "referential_version")
    public String referentialVersion;
    public String descriptor;
    public String sha256;
    @Column(name = "pinned_at")
    public OffsetDateTime pinnedAt;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** How far one reader has read one conversation. */
@Entity
@Table(name = "message_read")
@IdClass(MessageReadEntity.Key.class)
public class MessageReadEntity {

    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public long candidatureId;
        public long accountId;

        public Key() {}

        public Key(long candidatureId, long accountId) {
            this.candidatureId = candidatureId;
            this.accountId = accountId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.candidatureId == candidatureId && k.accountId == accountId;
        }

        @Override
        public int hashCode() {
            return Objects.hash(candidatureId, accountId);
        }
    }

    @Id
    @Column(name = "candidature_id")
    public long candidatureId;
    @Id
    @Column(name = "account_id")
    public long accountId;
    @Column(name = "last_read_id")
    public long lastReadId;
}

package org.guichets.core.internal.jpa;

import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import org.eclipse.persistence.annotations.Cache;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.db.Versioned;

@Entity
@Cacheable
@Cache(expiry = Database.CACHE_EXPIRY_MILLIS, refreshOnlyIfNewer = true)
@Table(name = "account")
public class AccountEntity implements Versioned {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    public String email;
    @Column(name = "display_name")
    public String displayName;
    @Column(name = "password_hash")
    public String passwordHash;
    @Column(name = "organization_id")
    public Long organizationId;
    /** An {@code OrganizationRole} name, or null for agency staff. */
    @Column(name = "organization_role")
    public String organizationRole;
    /** {@code PlatformRole} names separated by commas; empty for candidates. */
    @Column(name = "platform_roles")
    public String platformRoles;
    /** An {@code AccountStatus} name. */
    public String status;
    /** The language of the account's mails: fr or en. */
    public String language = "fr";
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Version
    public long version;

    @Override
    public String kind() {
        return "account";
    }

    @Override
    public Object key() {
        return email;
    }

    @Override
    public long version() {
        return version;
    }
}

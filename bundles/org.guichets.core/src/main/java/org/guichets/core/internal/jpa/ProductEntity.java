package org.guichets.core.internal.jpa;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.persistence.annotations.Cache;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.db.Versioned;

@Entity
@Cacheable
@Cache(expiry = Database.CACHE_EXPIRY_MILLIS, refreshOnlyIfNewer = true)
@Table(name = "product")
public class ProductEntity implements Versioned {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "guichets_id")
    public Long id;
    @Column(name = "organization_id")
    public long organizationId;
    public String name;
    @Column(name = "software_version")
    public String softwareVersion;
    public String nil;
    @Column(name = "responsable_id")
    public long responsableId;
    public String description;
    public String certifications;
    /** {@code SchemeInterest} names separated by commas. */
    public String interests;
    /** Name, version, NIL and description, lower case without accents, for search. */
    @Column(name = "search_text")
    public String searchText;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "product_collaborator", joinColumns = @JoinColumn(name = "product_id"))
    @Column(name = "account_id")
    public Set<Long> collaboratorIds = new HashSet<>();
    @Version
    public long version;

    @Override
    public String kind() {
        return "product";
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

package org.guichets.core.internal.candidature;

import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.api.PluginOrigin;
import org.guichets.api.error.NotFoundException;
import org.guichets.core.internal.DescriptorException;
import org.guichets.core.internal.DispositifRegistryImpl;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.ReferentialEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The referentials candidatures started on: the first candidature on a scheme's referential
 * version stores the scheme's descriptor; every later step of every candidature on that version
 * reads its form, chapters and deliverables from there, whatever plugin version runs now or
 * whether any runs at all. Thread-safe; parsed referentials are cached.
 */
@Component(service = ReferentialStore.class)
public final class ReferentialStore {

    private static final Logger LOG = LoggerFactory.getLogger(ReferentialStore.class);
    /** Between the declared version and the content hash in a pinned key; not allowed in a declared version. */
    static final char KEY_SEPARATOR = '~';
    private static final PluginOrigin PINNED = new PluginOrigin(-1, "pinned-referential", "0", "database");

    private final DispositifRegistryImpl registry;
    private final Map<String, Dispositif> cache = new ConcurrentHashMap<>();

    @Activate
    public ReferentialStore(@Reference DispositifRegistryImpl registry) {
        this.registry = registry;
    }

    /**
     * Pins the deployed descriptor of {@code d} and answers the key candidatures keep: the declared
     * referential version when its content is the one first pinned under it, else the version with
     * a content hash ({@code v1~3fa2c9d1e0b7}), so that a chapter a contribution added later (or a
     * plugin redeployed with other content under the same version) reaches new candidatures while
     * those in flight keep what they started on.
     */
    String pin(EntityManager em, Dispositif d) {
        byte[] bytes = deployed(d);
        String sha = Database.sha256(bytes);
        Optional<String> known = pinnedKey(em, d, sha);
        if (known.isPresent()) {
            return known.get();
        }
        boolean first = em.find(ReferentialEntity.class, new ReferentialEntity.Key(d.id(), d.referentialVersion())) == null;
        String key = first ? d.referentialVersion() : d.referentialVersion() + KEY_SEPARATOR + sha.substring(0, 12);
        if (!first) {
            LOG.info("Scheme {} {} is deployed with content other than the one first pinned: new candidatures pin it as {}",
                    d.id(), d.referentialVersion(), key);
        }
        ReferentialEntity r = new ReferentialEntity();
        r.dispositifId = d.id();
        r.referentialVersion = key;
        r.descriptor = new String(bytes, StandardCharsets.UTF_8);
        r.sha256 = sha;
        r.pinnedAt = Times.now();
        em.persist(r);
        em.flush();
        return key;
    }

    /**
     * {@link #pin(EntityManager, Dispositif)} in a transaction of its own: when two candidatures are
     * created at once on content not pinned yet, the first to commit pins it and the other reads
     * its key.
     */
    public String pin(Database db, Dispositif d) {
        try {
            return db.write(em -> pin(em, d));
        } catch (RuntimeException e) {
            String sha = Database.sha256(deployed(d));
            return db.read(em -> pinnedKey(em, d, sha)).orElseThrow(() -> e);
        }
    }

    private byte[] deployed(Dispositif d) {
        return registry.descriptor(d.id(), d.referentialVersion())
                .orElseThrow(() -> new IllegalStateException("no descriptor kept for " + d.id() + "@" + d.referentialVersion()));
    }

    /** The key content {@code sha} is already pinned under, if it is. */
    private static Optional<String> pinnedKey(EntityManager em, Dispositif d, String sha) {
        ReferentialEntity first = em.find(ReferentialEntity.class, new ReferentialEntity.Key(d.id(), d.referentialVersion()));
        if (first == null) {
            return Optional.empty();
        }
        if (first.sha256.equals(sha)) {
            return Optional.of(first.referentialVersion);
        }
        String key = d.referentialVersion() + KEY_SEPARATOR + sha.substring(0, 12);
        return Optional.ofNullable(em.find(ReferentialEntity.class, new ReferentialEntity.Key(d.id(), key)))
                .map(r -> r.referentialVersion);
    }

    /** The referential version a pinned key shows: {@code v1} for {@code v1~3fa2c9d1e0b7}. */
    public static String declaredVersion(String key) {
        int i = key.indexOf(KEY_SEPARATOR);
        return i < 0 ? key : key.substring(0, i);
    }

    /** The guichet of a candidature, as its pinned referential declares it. */
    public Guichet guichet(EntityManager em, String dispositifId, String referentialVersion, String guichetId) {
        return dispositif(em, dispositifId, referentialVersion).guichet(guichetId)
                .orElseThrow(() -> new NotFoundException("guichet", guichetId));
    }

    /** The scheme as the pinned referential {@code dispositifId@referentialVersion} declares it. */
    public Dispositif dispositif(EntityManager em, String dispositifId, String referentialVersion) {
        return cache.computeIfAbsent(dispositifId + "@" + referentialVersion, k -> load(em, dispositifId, referentialVersion));
    }

    private Dispositif load(EntityManager em, String dispositifId, String version) {
        ReferentialEntity r = em.find(ReferentialEntity.class, new ReferentialEntity.Key(dispositifId, version));
        if (r == null) {
            throw new NotFoundException("referential", dispositifId + "@" + version);
        }
        try {
            return registry.reader().read(r.descriptor.getBytes(StandardCharsets.UTF_8), PINNED);
        } catch (DescriptorException e) {
            throw new IllegalStateException("pinned referential " + dispositifId + "@" + version + " no longer reads: "
                    + e.getMessage(), e);
        }
    }
}

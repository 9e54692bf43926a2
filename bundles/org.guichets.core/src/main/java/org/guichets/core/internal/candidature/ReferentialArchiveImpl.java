package org.guichets.core.internal.candidature;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.guichets.api.Dispositif;
import org.guichets.api.ReferentialArchive;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.ReferentialEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The pinned referentials, read-only, for the agency's staff. */
@Component(service = ReferentialArchive.class)
public final class ReferentialArchiveImpl implements ReferentialArchive {

    private final Database db;
    private final ReferentialStore store;

    @Activate
    public ReferentialArchiveImpl(@Reference Database db, @Reference ReferentialStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public List<PinnedReferential> versions(Actor actor, String dispositifId) {
        requireStaff(actor);
        return db.read(em -> {
            Map<String, Long> counts = new HashMap<>();
            for (Object[] row : em.createQuery("SELECT c.referentialVersion, COUNT(c) FROM CandidatureEntity c"
                    + " WHERE c.dispositifId = :d GROUP BY c.referentialVersion", Object[].class)
                    .setParameter("d", dispositifId).getResultList()) {
                counts.put((String) row[0], ((Number) row[1]).longValue());
            }
            return em.createQuery("SELECT r FROM ReferentialEntity r WHERE r.dispositifId = :d ORDER BY r.pinnedAt",
                            ReferentialEntity.class).setParameter("d", dispositifId).getResultList().stream()
                    .map(r -> new PinnedReferential(r.dispositifId, r.referentialVersion,
                            ReferentialStore.declaredVersion(r.referentialVersion), r.pinnedAt.toInstant(),
                            counts.getOrDefault(r.referentialVersion, 0L)))
                    .toList();
        });
    }

    @Override
    public Dispositif referential(Actor actor, String dispositifId, String key) {
        requireStaff(actor);
        return db.read(em -> store.dispositif(em, dispositifId, key));
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff() && !actor.isSystem()) {
            throw new AccessDeniedException("access.denied");
        }
    }
}

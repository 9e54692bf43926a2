package org.guichets.api;

import java.time.Instant;
import java.util.List;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The referentials candidatures started on, as they were pinned: every version of each scheme
 * that a candidature uses, readable whatever plugin runs now. For the agency's staff.
 */
@ProviderType
public interface ReferentialArchive {

    /**
     * The pinned versions of a scheme, the first pinned first.
     *
     * @throws org.guichets.api.error.AccessDeniedException unless the actor is agency staff
     */
    List<PinnedReferential> versions(Actor actor, String dispositifId);

    /**
     * The scheme as the pinned version {@code key} declares it.
     *
     * @throws org.guichets.api.error.NotFoundException when no such version is pinned
     */
    Dispositif referential(Actor actor, String dispositifId, String key);

    /**
     * A pinned version.
     *
     * @param key the key candidatures keep ({@code v1}, or {@code v1~3fa2c9d1e0b7} for other content under the same version)
     * @param declaredVersion the version the plugin declared ({@code v1})
     * @param pinnedAt when the first candidature pinned it
     * @param candidatures how many candidatures use it
     */
    record PinnedReferential(String dispositifId, String key, String declaredVersion, Instant pinnedAt, long candidatures) {}
}

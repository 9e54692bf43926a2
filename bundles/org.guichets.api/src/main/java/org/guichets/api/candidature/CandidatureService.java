package org.guichets.api.candidature;

import java.util.Optional;
import org.guichets.api.Page;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Candidatures. Thread-safe; each call is one transaction, audited; refusals are
 * {@link org.guichets.api.error.GuichetsException}s and store nothing.
 *
 * <p>A candidate sees the candidatures of the products it may see; agency staff see all.
 */
@ProviderType
public interface CandidatureService {

    /**
     * Adds a product to a guichet: creates the candidature, gives the product its NRU
     * in the scheme if it has none yet, pins the scheme's current referential version, and opens
     * the administrative form (the first step).
     *
     * @throws org.guichets.api.error.NotFoundException if the scheme or the guichet is not deployed
     * @throws org.guichets.api.error.InvalidTransitionException {@code guichet.notOpen} if the
     *     guichet does not accept candidatures
     */
    Candidature create(Actor actor, long productId, String dispositifId, String guichetId);

    /** The candidature with this number, if the actor may see it. */
    Candidature get(Actor actor, String number);

    /** The candidatures the actor may see, newest first; optionally of one product only. */
    Page<Candidature> list(Actor actor, Long productId, int offset, int limit);

    /**
     * The guichet as the candidature's pinned referential declares it (its form, chapters and
     * deliverables), whatever version of the plugin runs now, or whether any runs.
     */
    org.guichets.api.Guichet guichet(Actor actor, String number);

    /** The product's NRU in the scheme, if it has one and the actor may see the product. */
    Optional<String> nru(Actor actor, long productId, String dispositifId);
}

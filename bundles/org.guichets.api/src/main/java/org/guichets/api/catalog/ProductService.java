package org.guichets.api.catalog;

import org.guichets.api.Page;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The product catalogue of each company. Thread-safe; each call is one
 * transaction, audited; refusals are {@link org.guichets.api.error.GuichetsException}s and store
 * nothing.
 *
 * <p>Who may do what: the company's mandataire and responsables act on all its products; a
 * salarié only on the products it is responsible for or a collaborator of; agency staff read,
 * never write; nobody sees another company's products.
 */
@ProviderType
public interface ProductService {

    /** Adds a product to the actor's company catalogue; the creator becomes a collaborator. */
    Product create(Actor actor, ProductDraft draft);

    /** Changes a product; {@code expectedVersion} is the version the actor read. */
    Product update(Actor actor, long productId, long expectedVersion, ProductDraft draft);

    /** One product the actor may see. */
    Product get(Actor actor, long productId);

    /**
     * The products the actor may see whose name, version, NIL or description contains {@code
     * query} (case and accents ignored), by name.
     *
     * @param query {@code null} or blank for all
     */
    Page<Product> search(Actor actor, String query, int offset, int limit);

    /** Gives a colleague of the same company access to a product. */
    Product addCollaborator(Actor actor, long productId, long accountId);

    /** Takes a collaborator's access away. */
    Product removeCollaborator(Actor actor, long productId, long accountId);
}

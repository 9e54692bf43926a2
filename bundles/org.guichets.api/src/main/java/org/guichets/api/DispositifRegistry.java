package org.guichets.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The schemes currently deployed, active or failed.
 *
 * <p>Provided by the core as an OSGi service. Methods are thread-safe, never block on I/O and
 * return immutable snapshots. To be told of changes, register a {@link DispositifListener}
 * service.
 */
@ProviderType
public interface DispositifRegistry {

    /** Every scheme plugin the core knows, active or failed, ordered by id. Never {@code null}. */
    List<Dispositif> dispositifs();

    /** The scheme with this id, if deployed (active or failed). */
    Optional<Dispositif> find(String id);

    /** The schemes in service, ordered by id. Never {@code null}. */
    default List<Dispositif> active() {
        return dispositifs().stream().filter(Dispositif::isActive).toList();
    }

    /**
     * A template an evidence spec of the deployed scheme offers for download (R-16: the "document
     * de conformité" to complete), read from the bundle that ships it; empty when the scheme, or
     * the bundle, is not deployed now, or when no evidence spec of the scheme names that path.
     *
     * @param dispositifId the scheme
     * @param path the template's path, as the evidence spec gives it
     * @throws java.io.IOException when the bundle's entry cannot be read
     */
    Optional<java.io.InputStream> openTemplate(String dispositifId, String path) throws java.io.IOException;
}

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
}

package org.guichets.api.reference;

import java.util.List;
import org.guichets.api.LocalizedText;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A list of reference data a plugin publishes as a service (with the property {@link #ID}) and
 * an administrator keeps up to date. Thread-safe.
 */
@ProviderType
public interface ReferenceList {

    /** Service property: the list's id. */
    String ID = "guichets.reference";

    /** The list's id, e.g. {@code edc-psc.passi-providers}. */
    String id();

    /** What the list holds, for the administrator. */
    LocalizedText title();

    /** The entries, in order. */
    List<ReferenceEntry> entries();

    /**
     * Replaces every entry, for the checks that run from now on; kept across restarts and audited.
     *
     * @param actor an administrator
     * @param entries the new entries
     * @return the entries as kept
     * @throws org.guichets.api.error.AccessDeniedException unless {@code actor} is an administrator
     * @throws org.guichets.api.error.ValidationException for an empty name, a duplicate or an empty list
     */
    List<ReferenceEntry> replace(Actor actor, List<ReferenceEntry> entries);
}

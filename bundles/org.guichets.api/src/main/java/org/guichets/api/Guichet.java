package org.guichets.api;

import java.util.List;
import java.util.Objects;

/**
 * One desk (démarche) of a dispositif, such as the EDC PSC Guichet Editeur.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id identifier, unique within its dispositif
 * @param name display name
 * @param description what the desk is for; may be {@code null}
 * @param status whether it accepts candidatures
 * @param profiles the profiles a candidate may choose, possibly empty
 * @param maxProfiles how many profiles one candidature may choose (at least 1 when there are
 *     profiles)
 */
public record Guichet(
        String id,
        LocalizedText name,
        LocalizedText description,
        GuichetStatus status,
        List<Profile> profiles,
        int maxProfiles) {

    /** @throws NullPointerException if {@code id}, {@code name}, {@code status} or {@code profiles} is null */
    public Guichet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        profiles = List.copyOf(profiles);
    }
}

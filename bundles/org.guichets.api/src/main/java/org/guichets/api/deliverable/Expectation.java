package org.guichets.api.deliverable;

import java.util.Set;

/**
 * What a verified deliverable must be; {@code null} (or empty) parts are not checked.
 *
 * @param kind its kind, e.g. {@code habilitation}
 * @param dispositifId its scheme
 * @param profiles profiles it must cover (all of them)
 * @param softwareName the software's name (compared ignoring case and surrounding blanks)
 * @param softwareVersion the software's version
 */
public record Expectation(String kind, String dispositifId, Set<String> profiles, String softwareName,
        String softwareVersion) {

    public Expectation {
        profiles = profiles == null ? Set.of() : Set.copyOf(profiles);
    }

    /** Any valid deliverable of the registry. */
    public static Expectation any() {
        return new Expectation(null, null, Set.of(), null, null);
    }
}

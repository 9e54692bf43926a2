package org.guichets.api;

import java.util.Objects;

/**
 * A change in the set of deployed schemes.
 *
 * @param type what happened
 * @param dispositif the scheme as it is after a {@link Type#DEPLOYED} or {@link Type#FAILED}
 *     event, as it was before a {@link Type#WITHDRAWN} event
 */
public record DispositifEvent(Type type, Dispositif dispositif) {

    /** What happened. */
    public enum Type {
        /** A plugin started and its scheme is in service. */
        DEPLOYED,
        /** A plugin could not be put in service. */
        FAILED,
        /** A plugin stopped or was removed; its scheme left the registry. */
        WITHDRAWN
    }

    /** @throws NullPointerException if an argument is null */
    public DispositifEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(dispositif, "dispositif");
    }
}

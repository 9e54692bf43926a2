package org.guichets.api;

import java.util.Objects;

/**
 * A profile a candidate may choose on a guichet (for EDC PSC: ELU, ELP, OpSU, OpSP).
 *
 * @param code short stable code, unique within its guichet
 * @param name display name
 */
public record Profile(String code, LocalizedText name) {
    /** @throws NullPointerException if an argument is null */
    public Profile {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}

package org.guichets.api.reference;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of a reference list.
 *
 * @param name the name people know it by, e.g. a company's name
 * @param identifier an identifier (a SIREN…), or {@code null}
 * @param validUntil the last day it is valid (a qualification's end…), or {@code null} if open-ended
 */
public record ReferenceEntry(String name, String identifier, LocalDate validUntil) {

    public ReferenceEntry {
        Objects.requireNonNull(name, "name");
    }

    /** Whether it is valid on {@code day}. */
    public boolean validOn(LocalDate day) {
        return validUntil == null || !day.isAfter(validUntil);
    }
}

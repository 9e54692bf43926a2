package org.guichets.api;

import java.util.List;
import java.util.Set;

/**
 * One field of an administrative form, as its scheme declares it.
 *
 * @param id identifier, unique in the form
 * @param label label shown beside the field
 * @param help help text, or {@code null}
 * @param type the field's kind
 * @param required always required
 * @param requiredWhenProfiles required when any of these profiles is chosen, possibly empty
 * @param maxLength the longest value accepted, or {@code null} for the type's default
 * @param pattern a regular expression the value must match, or {@code null}
 * @param prefill where the value is taken from when the form opens, or {@code null}
 * @param options the choices of a {@link FieldType#SELECT}
 */
public record FormField(String id, LocalizedText label, LocalizedText help, FieldType type, boolean required,
        Set<String> requiredWhenProfiles, Integer maxLength, String pattern, String prefill, List<Option> options) {

    /** A choice of a select field. */
    public record Option(String value, LocalizedText label) {}

    public FormField {
        requiredWhenProfiles = Set.copyOf(requiredWhenProfiles);
        options = List.copyOf(options);
    }

    /** Whether the field must be filled for a candidature with these profiles. */
    public boolean requiredFor(Set<String> profiles) {
        return required || requiredWhenProfiles.stream().anyMatch(profiles::contains);
    }
}

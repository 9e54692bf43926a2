package org.guichets.api;

import java.util.List;

/** A titled group of form fields. */
public record FormSection(String id, LocalizedText title, List<FormField> fields) {
    public FormSection {
        fields = List.copyOf(fields);
    }
}

package org.guichets.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A text given in several languages, French first.
 *
 * <p>Immutable and thread-safe. French ({@code fr}) is always present: it is the language of the
 * guide and the fallback for any language a scheme does not translate.
 *
 * @param values the text by ISO 639-1 language code; must contain a non-blank {@code fr} entry
 */
public record LocalizedText(Map<String, String> values) {

    /** The language every text must have, and the fallback for the others. */
    public static final String DEFAULT_LANGUAGE = "fr";

    /**
     * Creates a localized text.
     *
     * @throws IllegalArgumentException if there is no non-blank French value
     * @throws NullPointerException if {@code values} is null
     */
    public LocalizedText {
        Objects.requireNonNull(values, "values");
        String fr = values.get(DEFAULT_LANGUAGE);
        if (fr == null || fr.isBlank()) {
            throw new IllegalArgumentException("a localized text needs a French ('fr') value");
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A text that exists in French only. */
    public static LocalizedText french(String text) {
        return new LocalizedText(Map.of(DEFAULT_LANGUAGE, text));
    }

    /**
     * The text in the language of {@code locale}, or in French when that language is missing.
     *
     * @param locale the reader's locale; {@code null} means French
     * @return never {@code null}
     */
    public String get(Locale locale) {
        if (locale != null) {
            String value = values.get(locale.getLanguage());
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return values.get(DEFAULT_LANGUAGE);
    }

    /** The French text. */
    @Override
    public String toString() {
        return values.get(DEFAULT_LANGUAGE);
    }
}

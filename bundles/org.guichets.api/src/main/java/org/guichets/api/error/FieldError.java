package org.guichets.api.error;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One field at fault in a {@link ValidationException}.
 *
 * @param field the field's name as the API names it ({@code siret}, {@code name}…)
 * @param code the message key ({@code field.required}, {@code siret.invalid}…)
 * @param params the message's parameters
 */
public record FieldError(String field, String code, List<Object> params) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        params = List.copyOf(params);
    }

    public static FieldError of(String field, String code, Object... params) {
        return new FieldError(field, code, List.of(params));
    }

    /** The message in {@code locale}'s language. */
    public String message(Locale locale) {
        return GuichetsException.format(code, locale, params.toArray());
    }
}

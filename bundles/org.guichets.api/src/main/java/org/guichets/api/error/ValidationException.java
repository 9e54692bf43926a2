package org.guichets.api.error;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Input refused: the fields at fault, each with its reason. Nothing was stored. */
public class ValidationException extends GuichetsException {

    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super("validation.failed", errors.stream().map(FieldError::field).collect(Collectors.joining(", ")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a validation failure needs at least one field error");
        }
        this.errors = List.copyOf(errors);
    }

    public static ValidationException of(String field, String code, Object... params) {
        return new ValidationException(List.of(FieldError.of(field, code, params)));
    }

    /** The fields at fault, in the order they were checked. */
    public List<FieldError> errors() {
        return errors;
    }

    /** Every field's message in {@code locale}'s language, as one text (for a page's alert or an API's detail). */
    public String messages(Locale locale) {
        return errors.stream().map(e -> e.message(locale)).collect(Collectors.joining(" "));
    }

    /** Every field's message in {@code locale}'s language, one per line. */
    public String details(Locale locale) {
        return errors.stream().map(e -> e.field() + ": " + e.message(locale)).collect(Collectors.joining("\n"));
    }
}

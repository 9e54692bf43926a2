package org.guichets.core.internal;

import java.util.ArrayList;
import java.util.List;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.ValidationException;

/**
 * Collects every field error of one input, so that the user learns about all of them at once, by
 * field name; {@link #done()} throws them together. Not thread-safe: one per call.
 */
public final class Checks {

    private final List<FieldError> errors = new ArrayList<>();

    /** A required text: trimmed, non-empty, at most {@code max} characters; {@code null} when refused. */
    public String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(FieldError.of(field, "field.required"));
            return null;
        }
        return optional(field, value, max);
    }

    /** An optional text: trimmed, {@code null} when blank, at most {@code max} characters. */
    public String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            errors.add(FieldError.of(field, "field.tooLong", max));
            return null;
        }
        return v;
    }

    /** A required value of any kind. */
    public <T> T required(String field, T value) {
        if (value == null) {
            errors.add(FieldError.of(field, "field.required"));
        }
        return value;
    }

    /** Records an error when {@code ok} is false. */
    public void check(boolean ok, String field, String code, Object... params) {
        if (!ok) {
            errors.add(FieldError.of(field, code, params));
        }
    }

    /** Records an error found elsewhere. */
    public void add(FieldError error) {
        errors.add(error);
    }

    /** Records the errors of a {@link ValidationException}. */
    public void add(ValidationException e) {
        errors.addAll(e.errors());
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** @throws ValidationException with every error recorded, if any */
    public void done() {
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}

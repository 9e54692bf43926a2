package org.guichets.rest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.guichets.api.error.GuichetsException;

/**
 * A refusal of the API itself (no token, wrong scope, unknown route, bad JSON), answered as a
 * problem document with a stable {@link #code()} and a message in the caller's language.
 */
final class ApiProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final transient Object[] params;
    private final transient Map<String, Object> extras = new LinkedHashMap<>();

    ApiProblem(int status, String code, Object... params) {
        super(code);
        this.status = status;
        this.code = code;
        this.params = params;
    }

    ApiProblem with(String name, Object value) {
        extras.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, Object> extras() {
        return extras;
    }

    /** The message from the API's bundle, or the platform's messages for the platform's codes. */
    String message(Locale locale) {
        String own = ApiMessages.text(code, locale, params);
        return own != null ? own : GuichetsException.format(code, locale, params);
    }
}

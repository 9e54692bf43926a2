package org.guichets.api.error;

/** The caller may not do this (or may not see that this exists). */
public class AccessDeniedException extends GuichetsException {
    private static final long serialVersionUID = 1L;

    public AccessDeniedException(String code, Object... params) {
        super(code, params);
    }
}

package org.guichets.api.error;

/** The record is not in a state that allows this operation (submitting twice, deciding too early…). */
public class InvalidTransitionException extends GuichetsException {
    private static final long serialVersionUID = 1L;

    public InvalidTransitionException(String code, Object... params) {
        super(code, params);
    }
}

package org.guichets.api.error;

/** Nothing with this identifier exists, or the caller may not know it does. */
public class NotFoundException extends GuichetsException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, Object id) {
        super("not.found", what, id);
    }
}

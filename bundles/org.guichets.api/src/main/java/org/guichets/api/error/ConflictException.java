package org.guichets.api.error;

/**
 * Someone else changed the record since the caller read it: the caller's change was not applied.
 * {@link #currentVersion()} is the version now stored, to reload and retry from.
 */
public class ConflictException extends GuichetsException {
    private static final long serialVersionUID = 1L;
    private final long currentVersion;

    public ConflictException(String what, Object id, long expectedVersion, long currentVersion) {
        super("conflict.stale", what, id, expectedVersion, currentVersion);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}

package org.guichets.launcher;

/** A start-up failure whose message is the one line the launcher prints before exiting non-zero. */
public final class LaunchException extends Exception {

    public LaunchException(String reason) {
        super(reason);
    }

    public LaunchException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

package org.guichets.api;

/** Whether a scheme plugin is in service. */
public enum DeploymentState {
    /** The descriptor was loaded and validated; the scheme's guichets are open to candidates. */
    ACTIVE,
    /**
     * The plugin could not be put in service: its descriptor is missing, is not JSON, breaks the
     * schema, or its bundle failed to start. {@link Dispositif#failureReason()} says why.
     */
    FAILED
}

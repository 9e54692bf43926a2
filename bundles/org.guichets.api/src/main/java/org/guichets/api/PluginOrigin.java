package org.guichets.api;

import java.util.Objects;

/**
 * The OSGi bundle a scheme came from.
 *
 * @param bundleId the framework's bundle id
 * @param symbolicName the bundle's symbolic name
 * @param version the bundle's version
 * @param location where the bundle was installed from (for a plugin dropped in {@code deploy/},
 *     the file's URI)
 */
public record PluginOrigin(long bundleId, String symbolicName, String version, String location) {
    /** @throws NullPointerException if a string argument is null */
    public PluginOrigin {
        Objects.requireNonNull(symbolicName, "symbolicName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
    }
}

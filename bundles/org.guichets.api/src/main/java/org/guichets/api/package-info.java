/**
 * The read model of the deployed schemes (dispositifs) and the services the core provides to the
 * host and to plugins.
 *
 * <p>This package lives on the host class path and is exported, with its version, by the OSGi
 * system bundle, so that the portal (outside the framework) and the bundles inside it share the
 * same classes.
 */
@Version("1.3.0")
package org.guichets.api;

import org.osgi.annotation.versioning.Version;

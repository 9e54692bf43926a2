/**
 * Reference data a plugin owns and an administrator keeps up to date (the PASSI-qualified
 * providers of the EDC PSC scheme…): lists published as services, read by the plugin's checks,
 * replaced by administrators in the agency workspace.
 */
@Version("1.0.0")
package org.guichets.api.reference;

import org.osgi.annotation.versioning.Version;

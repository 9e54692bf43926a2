/**
 * The contract of a scheme plugin's descriptor: the manifest header that points at it and the
 * JSON Schema it must satisfy.
 */
@Version("1.0.0")
package org.guichets.api.descriptor;

import org.osgi.annotation.versioning.Version;

/**
 * The errors the services throw: each carries a stable code, the parameters of its message and,
 * for validation errors, the fields at fault; messages exist in French and English.
 */
@Version("1.1.0")
package org.guichets.api.error;

import org.osgi.annotation.versioning.Version;

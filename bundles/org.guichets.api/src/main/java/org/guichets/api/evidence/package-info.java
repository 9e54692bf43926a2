/** The evidence store: uploaded files, streamed to disk, content-addressed by SHA-256. */
@Version("1.1.0")
package org.guichets.api.evidence;

import org.osgi.annotation.versioning.Version;

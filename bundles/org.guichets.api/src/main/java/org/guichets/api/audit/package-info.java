/** The hash-chained audit trail of every state change and decision. */
@Version("1.1.0")
package org.guichets.api.audit;

import org.osgi.annotation.versioning.Version;

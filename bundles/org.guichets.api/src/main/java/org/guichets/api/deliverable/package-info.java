/**
 * Signed deliverables: the registry of what was issued, its public status and
 * lifecycle (expiry, reminders, revocation), the SPI that renders and signs them, and the
 * verification of a signed PDF.
 */
@Version("1.0.0")
package org.guichets.api.deliverable;

import org.osgi.annotation.versioning.Version;

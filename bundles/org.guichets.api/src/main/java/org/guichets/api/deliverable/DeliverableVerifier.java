package org.guichets.api.deliverable;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Verifies a signed deliverable PDF: its signature, its chain to the configured trust anchors, and
 * its record in the registry.
 */
@ProviderType
public interface DeliverableVerifier {

    /**
     * Verifies {@code pdf} against what the caller expects.
     *
     * @param pdf the file's bytes
     * @param expected what it must be ({@link Expectation#any()} for a public check)
     */
    Verification verify(byte[] pdf, Expectation expected);
}

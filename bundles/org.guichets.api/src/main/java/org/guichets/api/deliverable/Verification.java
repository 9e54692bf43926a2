package org.guichets.api.deliverable;

import java.time.Instant;
import java.util.Locale;
import org.guichets.api.error.GuichetsException;

/**
 * The answer of a verification: one outcome, the first check that failed (or {@link Outcome#VALID}).
 *
 * @param outcome the verdict
 * @param detail what exactly failed (technical, English), or {@code null}
 * @param deliverable the registry's record when the document names a known deliverable, or {@code null}
 * @param signer the signer's certificate subject, or {@code null} when there is no readable signature
 * @param signedAt the signing time the document claims (or its timestamp's), or {@code null}
 * @param timestamped whether the signature carries a valid RFC 3161 timestamp (PAdES baseline T)
 */
public record Verification(Outcome outcome, String detail, IssuedDeliverable deliverable, String signer,
        Instant signedAt, boolean timestamped) {

    /** Whether the document is a valid deliverable, as expected. */
    public boolean valid() {
        return outcome == Outcome.VALID;
    }

    /** The verdict in words, in {@code locale}'s language (French unless English). */
    public String message(Locale locale) {
        return GuichetsException.format("verification." + outcome.name(), locale);
    }

    /** Each distinct reason, in the order the checks run. */
    public enum Outcome {
        VALID,
        /** The file is not a readable PDF. */
        NOT_A_PDF,
        /** The PDF carries no signature. */
        NOT_SIGNED,
        /** The signature does not match its certificate, or cannot be read. */
        SIGNATURE_INVALID,
        /** The signed bytes' digest is not the one the signature covers: they were changed. */
        DIGEST_MISMATCH,
        /** Bytes were added to the file after it was signed. */
        MODIFIED_AFTER_SIGNING,
        /** The signer is not chained to a trust anchor. */
        UNTRUSTED_SIGNER,
        /** The document names no deliverable the registry knows, or not this document. */
        UNKNOWN_DELIVERABLE,
        EXPIRED,
        REVOKED,
        /** Valid, but still being issued. */
        PENDING,
        WRONG_KIND,
        WRONG_DISPOSITIF,
        WRONG_PROFILE,
        WRONG_SOFTWARE
    }
}

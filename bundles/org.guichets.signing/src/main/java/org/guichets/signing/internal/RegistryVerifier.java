package org.guichets.signing.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.deliverable.Verification;
import org.guichets.api.deliverable.Verification.Outcome;

/**
 * Verifies a deliverable PDF in two stages: its signature ({@link PdfSignatureChecks}: intact,
 * unchanged since, chained to a trust anchor), then its record in the registry (the very document
 * registered under the identifier it states, neither revoked nor expired, of the kind, scheme,
 * profiles and software the caller expects). The first failure is the answer.
 */
final class RegistryVerifier implements DeliverableVerifier {

    private final DeliverableService registry;
    private final List<X509Certificate> trustAnchors;
    private final Clock clock;

    RegistryVerifier(DeliverableService registry, List<X509Certificate> trustAnchors, Clock clock) {
        this.registry = registry;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.clock = clock;
    }

    @Override
    public Verification verify(byte[] pdf, Expectation expected) {
        PdfSignatureChecks.Result sig = PdfSignatureChecks.check(pdf, trustAnchors);
        if (!sig.valid()) {
            return new Verification(sig.outcome(), sig.detail(), null, sig.signer(), sig.signedAt(), sig.timestamped());
        }
        Optional<IssuedDeliverable> found = sig.deliverableId() == null ? Optional.empty() : registry.lookup(sig.deliverableId());
        if (found.isEmpty()) {
            return answer(sig, Outcome.UNKNOWN_DELIVERABLE, sig.deliverableId() == null
                    ? "the document names no deliverable" : "no deliverable " + sig.deliverableId() + " in the registry", null);
        }
        IssuedDeliverable d = found.get();
        if (d.sha256() == null || !d.sha256().equals(sha256(pdf))) {
            return answer(sig, Outcome.UNKNOWN_DELIVERABLE, "not the document registered as " + d.id(), d);
        }
        if (d.status() == DeliverableStatus.REVOKED) {
            return answer(sig, Outcome.REVOKED, "revoked: " + d.revocationReason(), d);
        }
        if (d.status() == DeliverableStatus.EXPIRED || (d.expiresAt() != null && !clock.instant().isBefore(d.expiresAt()))) {
            return answer(sig, Outcome.EXPIRED, "expired on " + d.expiresAt(), d);
        }
        if (d.status() == DeliverableStatus.PENDING) {
            return answer(sig, Outcome.PENDING, null, d);
        }
        if (expected.kind() != null && !expected.kind().equals(d.kind())) {
            return answer(sig, Outcome.WRONG_KIND, "a " + d.kind() + ", not a " + expected.kind(), d);
        }
        if (expected.dispositifId() != null && !expected.dispositifId().equals(d.dispositifId())) {
            return answer(sig, Outcome.WRONG_DISPOSITIF, "issued by scheme " + d.dispositifId(), d);
        }
        if (!d.profiles().containsAll(expected.profiles())) {
            return answer(sig, Outcome.WRONG_PROFILE, "covers " + d.profiles() + ", not all of " + expected.profiles(), d);
        }
        if (!same(expected.softwareName(), d.softwareName()) || !same(expected.softwareVersion(), d.softwareVersion())) {
            return answer(sig, Outcome.WRONG_SOFTWARE, "issued for " + d.softwareName() + " " + d.softwareVersion(), d);
        }
        return answer(sig, Outcome.VALID, null, d);
    }

    private static Verification answer(PdfSignatureChecks.Result sig, Outcome outcome, String detail, IssuedDeliverable d) {
        return new Verification(outcome, detail, d, sig.signer(), sig.signedAt(), sig.timestamped());
    }

    /** An expectation left {@code null} matches anything; else equal ignoring case and surrounding blanks. */
    private static boolean same(String expected, String actual) {
        return expected == null || (actual != null
                && expected.strip().toLowerCase(Locale.ROOT).equals(actual.strip().toLowerCase(Locale.ROOT)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

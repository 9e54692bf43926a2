package org.guichets.api.deliverable;

import java.time.Instant;
import java.util.List;
import org.guichets.api.LocalizedText;

/**
 * A deliverable in the registry.
 *
 * @param id its public identifier, printed on the document and in its verification address
 * @param kind the kind of document, e.g. {@code habilitation}
 * @param declarationId the deliverable declared by the guichet
 * @param title its title
 * @param dispositifId the scheme
 * @param guichetId the guichet
 * @param candidatureNumber the candidature it was issued for
 * @param organizationId the company
 * @param organizationName the company's legal name
 * @param nru the product's NRU in the scheme
 * @param profiles the profiles it covers
 * @param softwareName the software's name
 * @param softwareVersion the software's version
 * @param status where it stands
 * @param issuedAt when it was signed, or {@code null} while pending
 * @param expiresAt when its validity ends, or {@code null} while pending
 * @param revocationReason why it was revoked, or {@code null}
 * @param revokedAt when it was revoked, or {@code null}
 * @param sha256 the signed PDF's SHA-256 (hex), or {@code null} while pending
 */
public record IssuedDeliverable(String id, String kind, String declarationId, LocalizedText title, String dispositifId,
        String guichetId, String candidatureNumber, long organizationId, String organizationName, String nru,
        List<String> profiles, String softwareName, String softwareVersion, DeliverableStatus status,
        Instant issuedAt, Instant expiresAt, String revocationReason, Instant revokedAt, String sha256) {

    public IssuedDeliverable {
        profiles = List.copyOf(profiles);
    }
}

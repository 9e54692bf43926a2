package org.guichets.api.deliverable;

import java.time.Instant;
import java.util.List;

/**
 * What a deliverable document states, resolved by the core from the candidature (French text).
 *
 * @param id the deliverable's public identifier
 * @param kind its kind
 * @param title its title
 * @param dispositifName the scheme's name
 * @param guichetName the guichet's name
 * @param statement the paragraph under the title, or {@code null}
 * @param lines label and value, in order
 * @param issuedAt the issue date
 * @param expiresAt the end of validity
 * @param verificationUrl the address of its public verification page
 */
public record DeliverableContent(String id, String kind, String title, String dispositifName, String guichetName,
        String statement, List<Line> lines, Instant issuedAt, Instant expiresAt, String verificationUrl) {

    public DeliverableContent {
        lines = List.copyOf(lines);
    }

    /** A label and its value. */
    public record Line(String label, String value) {}
}

package org.guichets.api.check;

import java.io.InputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check run on each uploaded file of the evidence kinds it names, in the scheme it names
 * (whiteboard: register it as an OSGi service with the properties {@link #DISPOSITIF} and
 * {@link #EVIDENCE_KINDS}).
 *
 * <p>The check only informs: its result is recorded with the file and shown to the candidate and
 * the reviewer, who still decides. It runs while the candidate waits for the upload to finish, so
 * it must be quick; the core gives up after {@link #TIMEOUT_SECONDS} seconds, and a check that throws
 * or gives up is recorded as {@link CheckResult.Outcome#ERROR}: the upload itself never fails
 * because of a check.
 */
@ConsumerType
public interface EvidenceCheck {

    /** Service property: the id of the scheme whose evidence the check reads. */
    String DISPOSITIF = "guichets.dispositif";

    /** Service property: the {@link org.guichets.api.EvidenceKind} names it reads (a String or String[]). */
    String EVIDENCE_KINDS = "guichets.evidenceKinds";

    /** How long the core waits for a check. */
    int TIMEOUT_SECONDS = 20;

    /**
     * Checks one file.
     *
     * @param file what is known of the file and its candidature
     * @param content the file's bytes (the check need not close it)
     * @return the result; never {@code null}
     * @throws Exception for anything unexpected: recorded as an error of the check
     */
    CheckResult check(CheckedFile file, InputStream content) throws Exception;
}

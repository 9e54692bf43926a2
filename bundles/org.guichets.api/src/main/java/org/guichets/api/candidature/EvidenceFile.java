package org.guichets.api.candidature;

import java.time.Instant;
import java.util.List;
import org.guichets.api.check.CheckResult;

/**
 * One deposited file (a preuve), for one expected piece of evidence of one requirement.
 *
 * @param id identifier
 * @param chapterId its chapter
 * @param requirementRef its requirement
 * @param evidenceId the expected piece of evidence it answers
 * @param fileName its name, sanitised
 * @param mediaType its type, sniffed from its bytes
 * @param size its size in bytes
 * @param sha256 its SHA-256
 * @param uploadedAt when
 * @param uploadedBy who
 * @param verdict the reviewer's verdict, or {@code null} before review
 * @param comment the reviewer's comment, or {@code null}
 * @param checks what the scheme's checks found in it on upload, in the order they ran
 */
public record EvidenceFile(long id, String chapterId, String requirementRef, String evidenceId, String fileName,
        String mediaType, long size, String sha256, Instant uploadedAt, long uploadedBy, Verdict verdict, String comment,
        List<CheckResult> checks) {

    public EvidenceFile {
        checks = List.copyOf(checks);
    }
}

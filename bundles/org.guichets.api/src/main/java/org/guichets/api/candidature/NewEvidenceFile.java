package org.guichets.api.candidature;

import java.io.InputStream;

/**
 * One file of a deposit made of several ({@link EvidenceService#uploadAll}).
 *
 * @param requirementRef the requirement of the chapter it answers
 * @param evidenceId the piece of evidence of that requirement
 * @param fileName the name the candidate gave it
 * @param content its bytes, read once, in the order of the files; the caller closes it
 */
public record NewEvidenceFile(String requirementRef, String evidenceId, String fileName, InputStream content) {}

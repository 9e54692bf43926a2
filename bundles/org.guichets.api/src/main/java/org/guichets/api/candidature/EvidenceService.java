package org.guichets.api.candidature;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Step 2, the evidence deposit: the chapters that follow from the profiles, files
 * deposited per expected piece of evidence, chapters submitted, reviewed file by file, validated
 * or returned. Thread-safe; refusals store nothing.
 */
@ProviderType
public interface EvidenceService {

    /** The chapters and counters. */
    EvidenceDeposit deposit(Actor actor, String candidatureNumber);

    /** One chapter with its requirements and files. */
    ChapterView chapter(Actor actor, String candidatureNumber, String chapterId);

    /**
     * Deposits a file for an expected piece of evidence (R-16: several files per piece are fine).
     * The content is streamed to the evidence store and checked there (name, size, type).
     *
     * @throws org.guichets.api.error.ValidationException for a bad file; nothing is kept
     * @throws org.guichets.api.error.InvalidTransitionException when the chapter is submitted or validated
     */
    EvidenceFile upload(Actor actor, String candidatureNumber, String chapterId, String requirementRef, String evidenceId,
            String fileName, InputStream content) throws IOException;

    /** At most this many files in one {@link #uploadAll} call. */
    int MAX_FILES_PER_DEPOSIT = 100;

    /**
     * Deposits several files in one chapter together (a chapter's evidence in one request): each is
     * streamed and checked as {@link #upload} does, and they are recorded at once, all or none. A
     * refused file is named in the error (fields {@code files[i]} and {@code files[i].…}, {@code i}
     * from 0), and nothing of the deposit is kept.
     *
     * @return the files recorded, in the order given
     * @throws org.guichets.api.error.ValidationException for a bad file, none or more than
     *     {@link #MAX_FILES_PER_DEPOSIT}
     * @throws org.guichets.api.error.InvalidTransitionException when the chapter is submitted or validated
     */
    List<EvidenceFile> uploadAll(Actor actor, String candidatureNumber, String chapterId, List<NewEvidenceFile> files)
            throws IOException;

    /** Removes a deposited file while its chapter is open to the candidate. */
    void deleteFile(Actor actor, String candidatureNumber, long fileId) throws IOException;

    /**
     * Sends a chapter to the agency once every required piece of evidence has a file.
     *
     * @throws org.guichets.api.error.ValidationException naming the pieces still missing
     */
    ChapterView submit(Actor actor, String candidatureNumber, String chapterId, long expectedVersion);

    /**
     * A reviewer gives each file awaiting review its verdict; the chapter is validated when every
     * file is conformant, returned otherwise.
     *
     * @throws org.guichets.api.error.ValidationException when a file lacks a verdict or a
     *     non-conformant one lacks its comment
     */
    ChapterView review(Actor actor, String candidatureNumber, String chapterId, long expectedVersion,
            Map<Long, FileVerdict> verdicts);

    /** One file's record (name, type, size, digest, verdict), if the actor may read the candidature. */
    EvidenceFile file(Actor actor, String candidatureNumber, long fileId);

    /** Opens a deposited file for reading; the caller closes it. */
    InputStream open(Actor actor, String candidatureNumber, long fileId) throws IOException;
}

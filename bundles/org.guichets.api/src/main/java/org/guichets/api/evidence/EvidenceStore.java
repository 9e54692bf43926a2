package org.guichets.api.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where evidence files live: streamed to disk (never whole in memory), hashed on the way, written
 * to a temporary file, synced and renamed atomically into a content-addressed place, so that a
 * crash never leaves half a file under an address. Thread-safe.
 */
@ProviderType
public interface EvidenceStore {

    /**
     * Stores an upload, checking its name, size and sniffed type.
     *
     * @param content the bytes; read to the end (or to the limit) and not closed
     * @param fileName the name the user gave; refused if it holds a path or is empty
     * @throws org.guichets.api.error.ValidationException {@code file.nameInvalid}, {@code
     *     file.empty}, {@code file.tooLarge}, {@code file.typeNotAccepted} or {@code
     *     file.mislabelled}; nothing is kept
     * @throws IOException if the disk fails; nothing is kept
     */
    StoredFile store(InputStream content, String fileName, UploadPolicy policy) throws IOException;

    /**
     * The first half of {@link #store}: reads, checks and writes an upload to a temporary file,
     * neither synced to the disk nor at its address yet. The same refusals as {@link #store}; on
     * one, nothing is kept and there is nothing to discard.
     */
    StagedFile stage(InputStream content, String fileName, UploadPolicy policy) throws IOException;

    /**
     * The second half: syncs the staged files to the disk together, puts each at its address and
     * syncs their folders together, so that several files wait for the disk about as long as one.
     * On a failure the staged files are discarded (any already at their address are complete; a
     * file no record refers to is swept at start).
     *
     * @return the files, in the order given
     */
    List<StoredFile> keep(List<StagedFile> staged) throws IOException;

    /** Drops staged files that will not be kept (their temporary files are removed). */
    void discard(List<StagedFile> staged);

    /**
     * Opens a stored file. The stream checks the content against its address as it is read and
     * throws an {@link IOException} at the end if it no longer matches.
     *
     * @throws java.io.FileNotFoundException if no file has this address
     */
    InputStream open(String sha256) throws IOException;

    /** Whether a file has this address. */
    boolean exists(String sha256);

    /** Every address in the store (for sweeping files no record refers to). The caller closes the stream. */
    Stream<String> addresses() throws IOException;

    /** Removes a file; nothing happens if it is absent. */
    void delete(String sha256) throws IOException;
}

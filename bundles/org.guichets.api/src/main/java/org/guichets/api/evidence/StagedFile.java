package org.guichets.api.evidence;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An upload read, checked and written to a temporary file by {@link EvidenceStore#stage}, not yet
 * synced to the disk nor at its address: {@link EvidenceStore#keep} or {@link EvidenceStore#discard}
 * it, always (it holds an open file until then).
 */
@ProviderType
public interface StagedFile {

    /** What the file will be once kept: its address, size, sniffed type and sanitised name. */
    StoredFile file();
}

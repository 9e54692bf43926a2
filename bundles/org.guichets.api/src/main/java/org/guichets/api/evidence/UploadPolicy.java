package org.guichets.api.evidence;

import java.util.Set;

/**
 * What an upload must be.
 *
 * @param maxBytes the largest size accepted; 0 for the store's own limit
 * @param acceptedTypes the media types accepted, as sniffed from the bytes; empty for any
 */
public record UploadPolicy(long maxBytes, Set<String> acceptedTypes) {
    public UploadPolicy {
        acceptedTypes = Set.copyOf(acceptedTypes);
    }
}

package org.guichets.api.evidence;

/**
 * A file kept by the evidence store.
 *
 * @param sha256 its SHA-256, hex: also its address in the store
 * @param size its size in bytes
 * @param mediaType its type as sniffed from its bytes ({@code application/pdf}…)
 * @param fileName its name as uploaded, sanitised
 */
public record StoredFile(String sha256, long size, String mediaType, String fileName) {}

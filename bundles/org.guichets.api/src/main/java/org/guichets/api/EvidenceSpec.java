package org.guichets.api;

import java.util.Set;

/**
 * One piece of evidence a requirement expects; the candidate may deposit several files for it.
 *
 * @param id identifier, unique in its requirement
 * @param kind what it is
 * @param label what to deposit
 * @param mediaTypes the accepted types, as sniffed from the bytes ({@code application/pdf}…)
 * @param maxBytes the largest file accepted, or 0 for the platform's limit
 * @param optional whether the chapter may be submitted without it
 * @param template path in the plugin bundle of a template to download, or {@code null}
 */
public record EvidenceSpec(String id, EvidenceKind kind, LocalizedText label, Set<String> mediaTypes, long maxBytes,
        boolean optional, String template) {
    public EvidenceSpec {
        mediaTypes = Set.copyOf(mediaTypes);
    }
}

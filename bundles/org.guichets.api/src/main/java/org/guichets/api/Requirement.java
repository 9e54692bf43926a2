package org.guichets.api;

import java.util.List;
import java.util.Set;

/**
 * A requirement of a chapter: an exigence (must) or a préconisation (should).
 *
 * @param ref reference, e.g. {@code EDC.PMT.01}
 * @param statement what is required
 * @param mandatory {@code true} for an exigence, {@code false} for a préconisation
 * @param profiles the profiles it applies to
 * @param evidence what the candidate deposits to prove it
 */
public record Requirement(String ref, LocalizedText statement, boolean mandatory, Set<String> profiles,
        List<EvidenceSpec> evidence) {
    public Requirement {
        profiles = Set.copyOf(profiles);
        evidence = List.copyOf(evidence);
    }
}

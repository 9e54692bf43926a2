package org.guichets.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A requirement of a chapter: an exigence (must) or a préconisation (should).
 *
 * @param ref reference, e.g. {@code EDC.PMT.01}
 * @param statement what is required
 * @param mandatory {@code true} for an exigence, {@code false} for a préconisation
 * @param profiles the profiles it applies to
 * @param evidence what the candidate deposits to prove it
 * @param when a further condition on the profiles chosen and the form's values, or {@code null}
 */
public record Requirement(String ref, LocalizedText statement, boolean mandatory, Set<String> profiles,
        List<EvidenceSpec> evidence, Condition when) {
    public Requirement {
        profiles = Set.copyOf(profiles);
        evidence = List.copyOf(evidence);
    }

    /** A requirement without condition. */
    public Requirement(String ref, LocalizedText statement, boolean mandatory, Set<String> profiles,
            List<EvidenceSpec> evidence) {
        this(ref, statement, mandatory, profiles, evidence, null);
    }

    /** Whether it concerns a candidature with these profiles and form values. */
    public boolean appliesTo(Set<String> chosen, Map<String, String> formValues) {
        return profiles.stream().anyMatch(chosen::contains) && (when == null || when.holds(chosen, formValues));
    }

    /**
     * When a requirement applies, beyond its profiles: every part given must hold.
     *
     * @param profilesAll profiles that must all be chosen
     * @param profilesNone profiles none of which may be chosen
     * @param field a form field whose value is compared, or {@code null}
     * @param equals the value {@code field} must have
     */
    public record Condition(Set<String> profilesAll, Set<String> profilesNone, String field, String equals) {
        public Condition {
            profilesAll = profilesAll == null ? Set.of() : Set.copyOf(profilesAll);
            profilesNone = profilesNone == null ? Set.of() : Set.copyOf(profilesNone);
        }

        /** Whether it holds for these profiles and form values. */
        public boolean holds(Set<String> chosen, Map<String, String> formValues) {
            return chosen.containsAll(profilesAll) && profilesNone.stream().noneMatch(chosen::contains)
                    && (field == null || Objects.equals(equals, formValues.get(field)));
        }
    }
}

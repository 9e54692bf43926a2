package org.guichets.api;

import java.util.List;
import java.util.Set;

/**
 * A chapter of requirements. A chapter belongs to every profile it lists; with two
 * profiles chosen, a chapter common to both appears once and holds the requirements of both.
 *
 * @param id identifier, unique in the guichet
 * @param title title
 * @param description presentation, or {@code null}
 * @param order position among the chapters
 * @param profiles the profiles it belongs to
 * @param requirements its requirements, each with its own profiles
 * @param withForm {@code true} for a chapter deposited with the administrative form (step 1), such
 *     as the editor habilitations an operator must show: the form is submitted only with its
 *     evidence and validated only when that evidence passed its checks; {@code false} for a chapter
 *     of the evidence step (step 2)
 */
public record Chapter(String id, LocalizedText title, LocalizedText description, int order, Set<String> profiles,
        List<Requirement> requirements, boolean withForm) {
    public Chapter {
        profiles = Set.copyOf(profiles);
        requirements = List.copyOf(requirements);
    }

    /** Whether the chapter concerns a candidature with these profiles. */
    public boolean appliesTo(Set<String> chosen) {
        return profiles.stream().anyMatch(chosen::contains);
    }

    /**
     * The requirements that concern a candidature with these profiles, in order, ignoring the
     * requirements' conditions on form values.
     */
    public List<Requirement> requirementsFor(Set<String> chosen) {
        return requirements.stream().filter(r -> r.profiles().stream().anyMatch(chosen::contains)).toList();
    }

    /** The requirements that concern a candidature with these profiles and form values, in order. */
    public List<Requirement> requirementsFor(Set<String> chosen, java.util.Map<String, String> formValues) {
        return requirements.stream().filter(r -> r.appliesTo(chosen, formValues)).toList();
    }
}

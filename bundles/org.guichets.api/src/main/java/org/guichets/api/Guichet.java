package org.guichets.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One desk (démarche) of a dispositif, such as the EDC PSC Guichet Editeur.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id identifier, unique within its dispositif
 * @param name display name
 * @param description what the desk is for; may be {@code null}
 * @param status whether it accepts candidatures
 * @param profiles the profiles a candidate may choose, possibly empty
 * @param maxProfiles how many profiles one candidature may choose (at least 1 when there are
 *     profiles)
 * @param form the administrative form's sections, possibly empty
 * @param chapters the chapters of requirements, by order, possibly empty
 * @param deliverables the documents the guichet issues, possibly empty
 */
public record Guichet(
        String id,
        LocalizedText name,
        LocalizedText description,
        GuichetStatus status,
        List<Profile> profiles,
        int maxProfiles,
        List<FormSection> form,
        List<Chapter> chapters,
        List<Deliverable> deliverables) {

    /** @throws NullPointerException if {@code id}, {@code name}, {@code status} or a list is null */
    public Guichet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        profiles = List.copyOf(profiles);
        form = List.copyOf(form);
        chapters = List.copyOf(chapters);
        deliverables = List.copyOf(deliverables);
    }

    /** A guichet without form, chapters or deliverables. */
    public Guichet(String id, LocalizedText name, LocalizedText description, GuichetStatus status, List<Profile> profiles,
            int maxProfiles) {
        this(id, name, description, status, profiles, maxProfiles, List.of(), List.of(), List.of());
    }

    /** Every field of the form, in order. */
    public List<FormField> fields() {
        return form.stream().flatMap(s -> s.fields().stream()).toList();
    }

    /** The chapters of the evidence step for a candidature with these profiles, in order. */
    public List<Chapter> chaptersFor(Set<String> chosen) {
        return chapters.stream().filter(c -> !c.withForm() && c.appliesTo(chosen))
                .sorted(java.util.Comparator.comparingInt(Chapter::order)).toList();
    }

    /**
     * The chapters deposited with the administrative form that concern a candidature with
     * these profiles, in order.
     */
    public List<Chapter> formChaptersFor(Set<String> chosen) {
        return chapters.stream().filter(c -> c.withForm() && c.appliesTo(chosen))
                .sorted(java.util.Comparator.comparingInt(Chapter::order)).toList();
    }

    /** The chapter with this id. */
    public java.util.Optional<Chapter> chapter(String chapterId) {
        return chapters.stream().filter(c -> c.id().equals(chapterId)).findFirst();
    }

    /** The profile codes. */
    public Set<String> profileCodes() {
        return profiles.stream().map(Profile::code).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}

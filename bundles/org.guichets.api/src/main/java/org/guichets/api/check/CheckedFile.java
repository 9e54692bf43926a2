package org.guichets.api.check;

import java.util.Map;
import java.util.Set;
import org.guichets.api.EvidenceKind;

/**
 * A file as a check sees it, with the candidature it belongs to.
 *
 * @param dispositifId the scheme
 * @param guichetId the guichet
 * @param candidatureNumber the candidature
 * @param profiles the candidature's profiles
 * @param softwareName the product's name
 * @param softwareVersion the product's version
 * @param chapterId the chapter
 * @param requirementRef the requirement
 * @param evidenceId the expected evidence
 * @param kind its kind
 * @param fileName the file's name
 * @param mediaType its type, sniffed from its bytes
 * @param size its size in bytes
 * @param formValues the candidature's administrative form as it stands (field id → value): what the
 *     candidate declared, e.g. the software name and version the habilitation will state
 */
public record CheckedFile(String dispositifId, String guichetId, String candidatureNumber, Set<String> profiles,
        String softwareName, String softwareVersion, String chapterId, String requirementRef, String evidenceId,
        EvidenceKind kind, String fileName, String mediaType, long size, Map<String, String> formValues) {

    public CheckedFile {
        profiles = Set.copyOf(profiles);
        formValues = formValues == null ? Map.of() : Map.copyOf(formValues);
    }

    /** A file of a candidature whose form values the check does not need. */
    public CheckedFile(String dispositifId, String guichetId, String candidatureNumber, Set<String> profiles,
            String softwareName, String softwareVersion, String chapterId, String requirementRef, String evidenceId,
            EvidenceKind kind, String fileName, String mediaType, long size) {
        this(dispositifId, guichetId, candidatureNumber, profiles, softwareName, softwareVersion, chapterId, requirementRef,
                evidenceId, kind, fileName, mediaType, size, Map.of());
    }
}

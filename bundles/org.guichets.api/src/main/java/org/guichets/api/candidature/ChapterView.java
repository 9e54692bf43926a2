package org.guichets.api.candidature;

import java.util.List;
import org.guichets.api.Chapter;
import org.guichets.api.Requirement;

/**
 * A chapter as the candidate or the reviewer works on it.
 *
 * @param progress its tile
 * @param chapter its definition in the candidature's referential
 * @param requirements its requirements for the candidature's profiles
 * @param files the deposited files, by requirement and upload time
 */
public record ChapterView(ChapterProgress progress, Chapter chapter, List<Requirement> requirements, List<EvidenceFile> files) {
    public ChapterView {
        requirements = List.copyOf(requirements);
        files = List.copyOf(files);
    }
}

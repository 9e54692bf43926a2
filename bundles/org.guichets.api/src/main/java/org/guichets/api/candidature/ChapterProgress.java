package org.guichets.api.candidature;

/**
 * A chapter's tile: "n/m preuves chargées" and its state.
 *
 * @param chapterId the chapter
 * @param state where it stands
 * @param loaded expected pieces of evidence with at least one file (n)
 * @param expected expected pieces of evidence for the chosen profiles (m)
 * @param validated pieces whose files are all conformant
 * @param version optimistic-locking version, to pass back when submitting or reviewing
 */
public record ChapterProgress(String chapterId, ChapterState state, int loaded, int expected, int validated, long version) {}

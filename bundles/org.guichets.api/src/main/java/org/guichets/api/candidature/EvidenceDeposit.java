package org.guichets.api.candidature;

import java.util.List;

/**
 * Step 2 at a glance: "x/y chapitres soumis dont z validés · a/b preuves soumises dont c validées".
 *
 * @param candidatureNumber the candidature
 * @param state the step's state
 * @param chapters the chapters for the candidature's profiles, in order
 * @param chaptersSubmitted chapters submitted or validated (x)
 * @param chaptersTotal chapters (y)
 * @param chaptersValidated chapters validated (z)
 * @param evidenceSubmitted expected pieces of evidence with files in submitted or validated chapters (a)
 * @param evidenceTotal expected pieces of evidence (b)
 * @param evidenceValidated pieces whose files are all conformant (c)
 */
public record EvidenceDeposit(String candidatureNumber, StepState state, List<ChapterProgress> chapters,
        int chaptersSubmitted, int chaptersTotal, int chaptersValidated, int evidenceSubmitted, int evidenceTotal,
        int evidenceValidated) {
    public EvidenceDeposit {
        chapters = List.copyOf(chapters);
    }
}

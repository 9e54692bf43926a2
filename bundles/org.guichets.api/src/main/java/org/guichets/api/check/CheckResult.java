package org.guichets.api.check;

import java.util.List;
import java.util.Map;
import org.guichets.api.LocalizedText;

/**
 * What a check found in one file.
 *
 * @param check the check's name, e.g. {@code pen-test-eligibility}
 * @param outcome passed, failed, or the check could not run
 * @param summary one sentence for the candidate and the reviewer
 * @param details the reasons, one a line, in order
 * @param facts what the check read, for display and later rules ({@code checksFailed → 3}…)
 */
public record CheckResult(String check, Outcome outcome, LocalizedText summary, List<LocalizedText> details,
        Map<String, String> facts) {

    public CheckResult {
        details = List.copyOf(details);
        facts = Map.copyOf(facts);
    }

    /** The verdict of a check. */
    public enum Outcome {
        /** The file meets what the check looks for. */
        PASSED,
        /** It does not: {@link #details()} say why. */
        FAILED,
        /** The check could not run (it threw, gave up, or is broken): the reviewer checks by hand. */
        ERROR
    }
}

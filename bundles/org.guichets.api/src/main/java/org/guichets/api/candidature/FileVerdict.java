package org.guichets.api.candidature;

/**
 * A verdict with its comment (required when not conformant).
 */
public record FileVerdict(Verdict verdict, String comment) {
    public static FileVerdict conform() {
        return new FileVerdict(Verdict.CONFORM, null);
    }

    public static FileVerdict nonConform(String comment) {
        return new FileVerdict(Verdict.NON_CONFORM, comment);
    }
}

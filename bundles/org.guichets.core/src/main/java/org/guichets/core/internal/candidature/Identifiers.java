package org.guichets.core.internal.candidature;

import java.security.SecureRandom;
import org.guichets.api.identity.Siret;

/**
 * The identifiers people see: candidature numbers (10 upper-case letters, e.g. {@code KXNFPNCHFV})
 * and NRUs. Both come from a cryptographic random source, so they cannot be guessed from one
 * another; uniqueness is checked by the caller against the database. Thread-safe.
 */
final class Identifiers {

    private static final char[] LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private final SecureRandom random = new SecureRandom();

    /** 10 random upper-case letters: 26^10 ≈ 1.4 × 10^14 possibilities. */
    String candidatureNumber() {
        char[] out = new char[10];
        for (int i = 0; i < out.length; i++) {
            out[i] = LETTERS[random.nextInt(LETTERS.length)];
        }
        return new String(out);
    }

    /**
     * An NRU: 10 random digits followed by a Luhn check digit, so that a mistyped NRU is caught.
     * The guide gives no public format; this one is short enough to read out and to type.
     */
    String nru() {
        StringBuilder digits = new StringBuilder(11);
        digits.append(1 + random.nextInt(9));
        for (int i = 1; i < 10; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.append(luhnDigit(digits)).toString();
    }


    /** The digit that makes {@code payload} + digit pass the Luhn check. */
    private static int luhnDigit(CharSequence payload) {
        for (int d = 0; d < 9; d++) {
            if (Siret.luhn(payload.toString() + d)) {
                return d;
            }
        }
        return 9;
    }
}

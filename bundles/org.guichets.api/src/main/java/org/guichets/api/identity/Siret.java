package org.guichets.api.identity;

import org.guichets.api.error.ValidationException;

/**
 * A SIRET: the 9-digit SIREN of a company followed by the 5-digit NIC of one of its
 * establishments. Valid when the 14 digits pass the Luhn check, except La Poste (SIREN
 * {@value #LA_POSTE_SIREN}), whose establishments are valid when the sum of their digits is a
 * multiple of 5 (its head office, {@value #LA_POSTE_HEAD_OFFICE}, follows Luhn like everyone).
 *
 * @param value the 14 digits
 */
public record Siret(String value) {

    /** La Poste's SIREN, whose establishments are numbered beyond what Luhn allows. */
    public static final String LA_POSTE_SIREN = "356000000";

    /** La Poste's head office, numbered by the common rule. */
    public static final String LA_POSTE_HEAD_OFFICE = "35600000000048";

    /** @throws ValidationException ({@code siret.invalid}) if {@code value} is not a valid SIRET */
    public Siret {
        if (!isValid(value)) {
            throw ValidationException.of("siret", "siret.invalid", value == null ? "" : value);
        }
    }

    /**
     * Reads a SIRET as people type it: spaces, dots and dashes between digits are ignored.
     *
     * @throws ValidationException ({@code siret.invalid}) if it is not a valid SIRET
     */
    public static Siret parse(String text) {
        if (text == null) {
            throw ValidationException.of("siret", "field.required");
        }
        String digits = text.replaceAll("[\\s.\\-]", "");
        if (digits.isEmpty()) {
            throw ValidationException.of("siret", "field.required");
        }
        return new Siret(digits);
    }

    /** Whether {@code value} is 14 digits forming a valid SIRET. */
    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{14}")) {
            return false;
        }
        if (value.startsWith(LA_POSTE_SIREN) && !value.equals(LA_POSTE_HEAD_OFFICE)) {
            int sum = 0;
            for (int i = 0; i < value.length(); i++) {
                sum += value.charAt(i) - '0';
            }
            return sum % 5 == 0;
        }
        return luhn(value);
    }

    /** Whether {@code siren} is 9 digits passing the Luhn check. */
    public static boolean isValidSiren(String siren) {
        return siren != null && siren.matches("\\d{9}") && luhn(siren);
    }

    /** The Luhn check over a string of digits (SIREN, SIRET, and identifiers built the same way). */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The company's SIREN: the first 9 digits. */
    public String siren() {
        return value.substring(0, 9);
    }

    /** The establishment's NIC: the last 5 digits. */
    public String nic() {
        return value.substring(9);
    }

    /** As printed on French documents: {@code 732 829 320 00074}. */
    public String formatted() {
        return value.substring(0, 3) + " " + value.substring(3, 6) + " " + value.substring(6, 9) + " " + value.substring(9);
    }

    @Override
    public String toString() {
        return value;
    }
}

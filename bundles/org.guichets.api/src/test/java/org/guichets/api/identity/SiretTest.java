package org.guichets.api.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Locale;
import org.guichets.api.error.ValidationException;
import org.junit.Test;

/** SIRET checks (domain facts: 14 digits, Luhn, La Poste exception); used by R-09's form. */
public class SiretTest {

    @Test
    public void acceptsLuhnValidSirets() {
        assertTrue(Siret.isValid("73282932000074"));
        assertTrue(Siret.isValid("44306184100047"));
        assertEquals("732829320", new Siret("73282932000074").siren());
        assertEquals("00074", new Siret("73282932000074").nic());
        assertEquals("732 829 320 00074", new Siret("73282932000074").formatted());
    }

    @Test
    public void refusesAWrongCheckDigit() {
        assertFalse(Siret.isValid("73282932000075"));
    }

    @Test
    public void refusesWrongLengthsAndLetters() {
        assertFalse(Siret.isValid("7328293200007"));
        assertFalse(Siret.isValid("732829320000740"));
        assertFalse(Siret.isValid("7328293200007A"));
        assertFalse(Siret.isValid(null));
    }

    @Test
    public void laPosteEstablishmentsUseTheSumOfDigits() {
        // digit sum 15: a multiple of 5, although Luhn fails
        assertTrue(Siret.isValid("35600000010000"));
        assertFalse(Siret.luhn("35600000010000"));
        // Luhn-valid but digit sum 26: not a La Poste establishment number
        assertTrue(Siret.luhn("35600000000014"));
        assertFalse(Siret.isValid("35600000000014"));
    }

    @Test
    public void laPosteHeadOfficeFollowsLuhn() {
        assertTrue(Siret.isValid(Siret.LA_POSTE_HEAD_OFFICE));
    }

    @Test
    public void parsesWhatPeopleType() {
        assertEquals("73282932000074", Siret.parse(" 732 829 320 00074 ").value());
        assertEquals("73282932000074", Siret.parse("732.829.320-00074").value());
    }

    @Test
    public void explainsTheRefusalInFrenchAndEnglish() {
        ValidationException e = assertThrows(ValidationException.class, () -> Siret.parse("12345678901234"));
        assertEquals("siret", e.errors().get(0).field());
        assertEquals("siret.invalid", e.errors().get(0).code());
        assertEquals("« 12345678901234 » n'est pas un SIRET valide : il faut 14 chiffres dont le dernier est une clé de contrôle juste.",
                e.errors().get(0).message(Locale.FRENCH));
        assertTrue(e.errors().get(0).message(Locale.ENGLISH).startsWith("\"12345678901234\" is not a valid SIRET"));
    }

    @Test
    public void anEmptySiretIsMissingNotInvalid() {
        ValidationException e = assertThrows(ValidationException.class, () -> Siret.parse("  "));
        assertEquals("field.required", e.errors().get(0).code());
    }

    @Test
    public void sirenLuhn() {
        assertTrue(Siret.isValidSiren("732829320"));
        assertFalse(Siret.isValidSiren("732829321"));
    }
}

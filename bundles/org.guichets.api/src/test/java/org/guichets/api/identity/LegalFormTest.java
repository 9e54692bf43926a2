package org.guichets.api.identity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class LegalFormTest {

    @Test
    public void shipsTheInseeCodesWithTheirLabels() {
        assertEquals("SAS, société par actions simplifiée", LegalForm.find("5710").orElseThrow().label());
        assertEquals("Association déclarée", LegalForm.find("9220").orElseThrow().label());
        assertEquals("Entrepreneur individuel", LegalForm.find(" 1000 ").orElseThrow().label());
        assertTrue(LegalForm.all().stream().allMatch(f -> f.code().matches("\\d{4}")));
    }

    @Test
    public void unknownCodesAreAbsent() {
        assertFalse(LegalForm.find("0000").isPresent());
        assertFalse(LegalForm.find(null).isPresent());
    }
}

package org.guichets.edcpsc.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;
import java.util.Set;
import org.guichets.api.EvidenceKind;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.deliverable.Expectation;
import org.junit.Test;

/** what each editor habilitation deposited on the Opérateur desk must be. */
public class HabilitationCheckTest {

    private static CheckedFile file(String evidence, Set<String> profiles, Map<String, String> form) {
        return new CheckedFile("edc-psc", "operateur", "ABCDEFGHIJ", profiles, "Agenda (produit)", "2.1", "habilitations-editeur",
                "EDC.OP.HAB.01", evidence, EvidenceKind.HABILITATION, "h.pdf", "application/pdf", 10, form);
    }

    @Test
    public void r13TheUserSoftwaresElu() {
        Expectation e = HabilitationCheck.expected(file("hab-elu", Set.of("OpSU"), Map.of("softwareName", "Agenda Santé")));
        assertEquals("habilitation", e.kind());
        assertEquals("edc-psc", e.dispositifId());
        assertEquals(Set.of("ELU"), e.profiles());
        assertEquals("the name the operator's form declares", "Agenda Santé", e.softwareName());
        assertNull("an operator may run a later version than the one habilitated", e.softwareVersion());
    }

    @Test
    public void r13TheProxysElpIsTheCandidaturesSoftwareOnlyWhenItOperatesTheProxyAlone() {
        assertEquals("Agenda (produit)", HabilitationCheck.expected(file("hab-elp", Set.of("OpSP"), Map.of())).softwareName());
        Expectation both = HabilitationCheck.expected(file("hab-elp", Set.of("OpSP", "OpSU"), Map.of("softwareName", "Agenda")));
        assertEquals(Set.of("ELP"), both.profiles());
        assertNull("with OpSU the candidature's software is the user software, not the proxy", both.softwareName());
    }

    @Test
    public void r13TheProxyOperatorsOpspIsAnotherCompanysSoftware() {
        Expectation e = HabilitationCheck.expected(file("hab-opsp", Set.of("OpSU"), Map.of("softwareName", "Agenda")));
        assertEquals(Set.of("OpSP"), e.profiles());
        assertNull(e.softwareName());
    }
}

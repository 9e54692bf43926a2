package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichets.api.GuichetStatus;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.catalog.Product;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class CandidatureServiceTest extends ServiceTestBase {

    @Test
    public void R07_addingAProductToAGuichetCreatesACandidatureWithItsNru() {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        Candidature c = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        assertTrue(c.number(), c.number().matches("[A-Z]{10}"));
        assertTrue(c.nru(), c.nru().matches("\\d{11}"));
        assertTrue("the NRU ends with a Luhn check digit: " + c.nru(), luhn(c.nru()));
        assertEquals("edc-psc", c.dispositifId());
        assertEquals("editeur", c.guichetId());
        assertEquals("v1", c.referentialVersion());
        assertEquals(m.organizationId().longValue(), c.organizationId());
        assertEquals(c, f.candidatures.get(m, c.number()));
        assertEquals(c.nru(), f.candidatures.nru(m, p.id(), "edc-psc").orElseThrow());
    }

    @Test
    public void R08_onlyTheFormIsOpenAtFirst() {
        Actor m = f.company("Acme");
        Candidature c = f.candidatures.create(m, f.product(m, "Agenda").id(), "edc-psc", "editeur");
        assertEquals(Map.of(Step.FORM, StepState.IN_PROGRESS, Step.EVIDENCE, StepState.LOCKED,
                Step.HABILITATION, StepState.LOCKED), c.steps());
    }

    @Test
    public void R07_theNruIsStableAcrossAProductsCandidaturesAndUniquePerProduct() {
        Actor m = f.company("Acme");
        Product agenda = f.product(m, "Agenda");
        Product dossier = f.product(m, "Dossier");
        Candidature first = f.candidatures.create(m, agenda.id(), "edc-psc", "editeur");
        Candidature second = f.candidatures.create(m, agenda.id(), "edc-psc", "editeur");
        Candidature other = f.candidatures.create(m, dossier.id(), "edc-psc", "editeur");
        assertEquals(first.nru(), second.nru());
        assertNotEquals(first.number(), second.number());
        assertNotEquals(first.nru(), other.nru());
        f.deploy("segur", "2024.1", GuichetStatus.OPEN);
        Candidature segur = f.candidatures.create(m, agenda.id(), "segur", "editeur");
        assertNotEquals("an NRU belongs to one dispositif", first.nru(), segur.nru());
        assertEquals(3, count("product_nru"));
    }

    @Test
    public void candidatureNumbersAreUniqueAndRandom() {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        Set<String> numbers = new HashSet<>();
        Set<Character> firstLetters = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String n = f.candidatures.create(m, p.id(), "edc-psc", "editeur").number();
            assertTrue(n, n.matches("[A-Z]{10}"));
            numbers.add(n);
            firstLetters.add(n.charAt(0));
        }
        assertEquals(60, numbers.size());
        assertTrue("not sequential: first letters vary " + firstLetters, firstLetters.size() > 10);
    }

    @Test
    public void theReferentialVersionIsPinnedAtCreation() {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        Candidature before = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        f.deploy("edc-psc", "v2", GuichetStatus.OPEN);
        Candidature after = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        assertEquals("v1", f.candidatures.get(m, before.number()).referentialVersion());
        assertEquals("v2", after.referentialVersion());

        // the agency reads every pinned version, whatever runs now
        Actor admin = f.staff(org.guichets.api.identity.PlatformRole.ADMIN);
        f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        List<org.guichets.api.ReferentialArchive.PinnedReferential> versions = f.archive.versions(admin, "edc-psc");
        assertEquals(List.of("v1", "v2"), versions.stream().map(org.guichets.api.ReferentialArchive.PinnedReferential::key).toList());
        assertEquals(List.of(1L, 2L), versions.stream().map(org.guichets.api.ReferentialArchive.PinnedReferential::candidatures).toList());
        assertEquals("v1", f.archive.referential(admin, "edc-psc", "v1").referentialVersion());
        assertThrows(org.guichets.api.error.AccessDeniedException.class, () -> f.archive.versions(m, "edc-psc"));
        assertThrows(org.guichets.api.error.NotFoundException.class, () -> f.archive.referential(admin, "edc-psc", "v9"));
    }

    @Test
    public void aSchemeRedeployedWithOtherContentUnderTheSameVersionReachesNewCandidaturesOnly() throws Exception {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        Candidature before = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        String changed;
        try (java.io.InputStream in = CandidatureServiceTest.class.getResourceAsStream("/descriptors/edc-mini.json")) {
            changed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"fr\": \"Logiciel\"", "\"fr\": \"Logiciel candidat\"");
        }
        f.registry.publishDescriptor(changed.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new org.guichets.api.PluginOrigin(100 + Math.abs("edc-psc".hashCode() % 1000), "test.edc-psc", "1.0.1", "test:edc-psc"));
        Candidature after = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        Candidature again = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        // both show v1; each keeps the content it started on
        assertEquals("v1", f.candidatures.get(m, before.number()).referentialVersion());
        assertEquals("v1", after.referentialVersion());
        assertEquals(2L, count("referential"));
        List<String> keys = f.db.read(em -> em.createQuery("SELECT c.referentialVersion FROM CandidatureEntity c ORDER BY c.id",
                String.class).getResultList());
        assertEquals("v1", keys.get(0));
        assertTrue(keys.get(1), keys.get(1).matches("v1~[0-9a-f]{12}"));
        assertEquals("the same content pins once", keys.get(1), keys.get(2));
        org.guichets.core.internal.candidature.ReferentialStore pinned =
                new org.guichets.core.internal.candidature.ReferentialStore(f.registry);
        assertEquals("Logiciel", f.db.read(em -> pinned.guichet(em, "edc-psc", keys.get(0), "editeur").form().get(1).title()
                .get(java.util.Locale.FRENCH)));
        assertEquals("Logiciel candidat", f.db.read(em -> pinned.guichet(em, "edc-psc", keys.get(1), "editeur").form().get(1)
                .title().get(java.util.Locale.FRENCH)));
    }

    @Test
    public void R06_onlyDeployedOpenGuichetsAcceptCandidatures() {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        assertThrows(NotFoundException.class, () -> f.candidatures.create(m, p.id(), "unknown", "editeur"));
        assertThrows(NotFoundException.class, () -> f.candidatures.create(m, p.id(), "edc-psc", "nowhere"));
        InvalidTransitionException upcoming = assertThrows(InvalidTransitionException.class,
                () -> f.candidatures.create(m, p.id(), "edc-psc", "operateur"));
        assertEquals("guichet.notOpen", upcoming.code());
        assertEquals(0, count("candidature"));
    }

    @Test
    public void candidaturesAreVisibleToWhoSeesTheProductAndToStaff() {
        Actor m = f.company("Acme");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        Actor foreign = f.company("Autre");
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        Product p = f.product(m, "Agenda");
        Candidature c = f.candidatures.create(m, p.id(), "edc-psc", "editeur");
        assertThrows(NotFoundException.class, () -> f.candidatures.get(foreign, c.number()));
        assertThrows(NotFoundException.class, () -> f.candidatures.get(salarie, c.number()));
        assertEquals(0, f.candidatures.list(salarie, null, 0, 10).total());
        assertEquals(0, f.candidatures.list(foreign, null, 0, 10).total());
        assertEquals(c.number(), f.candidatures.get(reviewer, c.number()).number());
        assertEquals(1, f.candidatures.list(reviewer, null, 0, 10).total());
        f.products.addCollaborator(m, p.id(), salarie.accountId());
        assertEquals(List.of(c.number()), f.candidatures.list(salarie, p.id(), 0, 10).items().stream().map(Candidature::number).toList());
        assertThrows(AccessDeniedException.class, () -> f.candidatures.create(reviewer, p.id(), "edc-psc", "editeur"));
        assertThrows(NotFoundException.class, () -> f.candidatures.create(foreign, p.id(), "edc-psc", "editeur"));
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import org.guichets.api.Page;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class ProductServiceTest extends ServiceTestBase {

    @Test
    public void R04_aProductKeepsEveryField() {
        Actor m = f.company("Acme");
        Product p = f.products.create(m, new ProductDraft("  Dossier Patient ", "2.3.1", "NIL-42", m.accountId(),
                "Dossier patient partagé", "HDS", Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC, SchemeInterest.SEGUR_NUMERIQUE_EN_SANTE)));
        Product read = f.products.get(m, p.id());
        assertEquals("Dossier Patient", read.name());
        assertEquals("2.3.1", read.softwareVersion());
        assertEquals("NIL-42", read.nil());
        assertEquals("HDS", read.certifications());
        assertEquals(Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC, SchemeInterest.SEGUR_NUMERIQUE_EN_SANTE), read.interests());
        assertEquals(m.organizationId().longValue(), read.organizationId());
        assertEquals("the creator is a collaborator", Set.of(m.accountId()), read.collaboratorIds());
    }

    @Test
    public void R04_theRequiredFieldsAreNamed() {
        Actor m = f.company("Acme");
        ValidationException e = assertThrows(ValidationException.class,
                () -> f.products.create(m, new ProductDraft("", null, "  ", null, null, null, null)));
        assertEquals(List.of("name", "softwareVersion", "responsableId", "description"),
                e.errors().stream().map(FieldError::field).toList());
        assertEquals(0, count("product"));
    }

    @Test
    public void R04_anAbsentDraftNamesTheRequiredFields() {
        Actor m = f.company("Acme");
        ValidationException e = assertThrows(ValidationException.class, () -> f.products.create(m, null));
        assertEquals(List.of("name", "softwareVersion", "responsableId", "description"),
                e.errors().stream().map(FieldError::field).toList());
    }

    @Test
    public void R04_noneCannotBeCombinedWithSchemes() {
        Actor m = f.company("Acme");
        ValidationException e = assertThrows(ValidationException.class, () -> f.products.create(m, new ProductDraft("P", "1",
                null, m.accountId(), "d", null, Set.of(SchemeInterest.NONE, SchemeInterest.SEGUR_NUMERIQUE_EN_SANTE))));
        assertEquals("interests.noneWithOthers", e.errors().get(0).code());
        Product none = f.products.create(m, new ProductDraft("P", "1", null, m.accountId(), "d", null, null));
        assertEquals(Set.of(SchemeInterest.NONE), none.interests());
    }

    @Test
    public void R04_theResponsableMustBeAnActiveMemberOfTheCompany() {
        Actor m = f.company("Acme");
        Actor foreign = f.company("Autre");
        ValidationException e = assertThrows(ValidationException.class,
                () -> f.products.create(m, Fixture.draft("P", foreign.accountId())));
        assertEquals("member.required", e.errors().get(0).code());
    }

    @Test
    public void R05_searchIgnoresCaseAndAccentsAndPages() {
        Actor m = f.company("Acme");
        f.product(m, "Éditeur Agenda");
        f.product(m, "Dossier Médical");
        f.product(m, "Messagerie Sécurisée");
        f.products.create(m, new ProductDraft("Zeta", "1", "NIL-777", m.accountId(), "outil de téléconsultation", null, null));
        assertEquals(List.of("Éditeur Agenda"), names(f.products.search(m, "editeur", 0, 10)));
        assertEquals(List.of("Dossier Médical"), names(f.products.search(m, "MÉDICAL", 0, 10)));
        assertEquals(List.of("Zeta"), names(f.products.search(m, "nil-777", 0, 10)));
        assertEquals(List.of("Zeta"), names(f.products.search(m, "TELECONSULTATION", 0, 10)));
        assertEquals(List.of(), names(f.products.search(m, "100%_", 0, 10)));
        Page<Product> first = f.products.search(m, null, 0, 2);
        assertEquals(4, first.total());
        assertEquals(List.of("Dossier Médical", "Messagerie Sécurisée"), names(first));
        assertTrue(first.hasMore());
        assertEquals(List.of("Zeta", "Éditeur Agenda").size(), f.products.search(m, "", 2, 2).items().size());
    }

    @Test
    public void R05_aCompanySearchesItsOwnCatalogueOnly() {
        Actor acme = f.company("Acme");
        Actor other = f.company("Autre");
        f.product(acme, "Agenda");
        f.product(other, "Agenda Concurrent");
        assertEquals(List.of("Agenda"), names(f.products.search(acme, "agenda", 0, 10)));
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        assertEquals(2, f.products.search(reviewer, "agenda", 0, 10).total());
    }

    @Test
    public void R12_aSalarieActsOnlyOnTheProductsItIsOn() {
        Actor m = f.company("Acme");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        Product p = f.product(m, "Agenda");
        assertThrows(NotFoundException.class, () -> f.products.get(salarie, p.id()));
        assertEquals(0, f.products.search(salarie, null, 0, 10).total());

        Product shared = f.products.addCollaborator(m, p.id(), salarie.accountId());
        assertTrue(shared.collaboratorIds().contains(salarie.accountId()));
        assertEquals(p.version() + 1, shared.version());
        assertEquals("Agenda", f.products.get(salarie, p.id()).name());
        assertEquals(1, f.products.search(salarie, null, 0, 10).total());
        Product renamed = f.products.update(salarie, p.id(), shared.version(), Fixture.draft("Agenda 2", m.accountId()));
        assertEquals("Agenda 2", renamed.name());

        f.products.removeCollaborator(m, p.id(), salarie.accountId());
        assertThrows(NotFoundException.class, () -> f.products.get(salarie, p.id()));
    }

    @Test
    public void R12_collaboratorsAreColleaguesOnly() {
        Actor m = f.company("Acme");
        Actor foreign = f.company("Autre");
        Product p = f.product(m, "Agenda");
        ValidationException e = assertThrows(ValidationException.class,
                () -> f.products.addCollaborator(m, p.id(), foreign.accountId()));
        assertEquals("accountId", e.errors().get(0).field());
    }

    @Test
    public void concurrentEditsConflictInsteadOfOverwriting() {
        Actor m = f.company("Acme");
        Actor responsable = f.member(m, OrganizationRole.RESPONSABLE);
        Product p = f.product(m, "Agenda");
        Product first = f.products.update(m, p.id(), p.version(), Fixture.draft("Agenda A", m.accountId()));
        ConflictException e = assertThrows(ConflictException.class,
                () -> f.products.update(responsable, p.id(), p.version(), Fixture.draft("Agenda B", m.accountId())));
        assertEquals(first.version(), e.currentVersion());
        assertEquals("Agenda A", f.products.get(m, p.id()).name());
    }

    @Test
    public void agencyStaffReadButNeverWrite() {
        Actor m = f.company("Acme");
        Product p = f.product(m, "Agenda");
        for (Actor staff : new Actor[] {f.staff(PlatformRole.REVIEWER), f.staff(PlatformRole.COMMITTEE), f.staff(PlatformRole.ADMIN)}) {
            assertEquals("Agenda", f.products.get(staff, p.id()).name());
            assertThrows(AccessDeniedException.class, () -> f.products.update(staff, p.id(), p.version(), Fixture.draft("X", m.accountId())));
            assertThrows(AccessDeniedException.class, () -> f.products.create(staff, Fixture.draft("X", staff.accountId())));
        }
        assertFalse(f.products.get(m, p.id()).name().equals("X"));
    }

    private static List<String> names(Page<Product> page) {
        return page.items().stream().map(Product::name).toList();
    }
}

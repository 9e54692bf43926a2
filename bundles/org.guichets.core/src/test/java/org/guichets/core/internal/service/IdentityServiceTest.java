package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.Organization;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class IdentityServiceTest extends ServiceTestBase {

    private static NewOrganization org(String siret) {
        return new NewOrganization("Logiciels Santé SAS", siret, "5710",
                new Address("12 avenue de France", "75013", "Paris", null), "Jeanne Martin");
    }

    private static NewAccount person(String email, OrganizationRole role) {
        return new NewAccount(email, "Jeanne Martin", Fixture.PASSWORD.toCharArray(), role);
    }

    @Test
    public void R01_aMandataireCreatesItsCompanyAndSignsIn() {
        Account m = f.identity.registerOrganization(org("732 829 320 00074"), person("Jeanne@Example.fr", null));
        assertEquals("jeanne@example.fr", m.email());
        assertEquals(OrganizationRole.MANDATAIRE, m.organizationRole());
        assertEquals(AccountStatus.ACTIVE, m.status());
        Actor actor = f.identity.authenticate(" JEANNE@example.fr", Fixture.PASSWORD.toCharArray());
        assertEquals(m.id(), actor.accountId());
        Organization o = f.identity.organization(actor, m.organizationId());
        assertEquals("73282932000074", o.siret().value());
        assertEquals("FR", o.headOffice().country());
        assertEquals(2, count("audit_entry"));
    }

    @Test
    public void R09_everyMissingFieldIsNamedAndNothingIsStored() {
        ValidationException e = assertThrows(ValidationException.class, () -> f.identity.registerOrganization(
                new NewOrganization(" ", null, null, null, null), new NewAccount(null, null, null, null)));
        assertEquals(List.of("legalName", "siret", "legalForm", "headOffice.street", "headOffice.postalCode",
                        "headOffice.city", "legalRepresentative", "email", "displayName", "password"),
                e.errors().stream().map(FieldError::field).toList());
        assertEquals("Ce champ est obligatoire.", e.errors().get(0).message(Locale.FRENCH));
        assertEquals("This field is required.", e.errors().get(0).message(Locale.ENGLISH));
        assertEquals(0, count("organization"));
        assertEquals(0, count("account"));
        assertEquals(0, count("audit_entry"));
    }

    @Test
    public void absentInputIsRefusedFieldByFieldNotWithACrash() {
        ValidationException org = assertThrows(ValidationException.class, () -> f.identity.registerOrganization(null, null));
        assertEquals("legalName", org.errors().get(0).field());
        ValidationException join = assertThrows(ValidationException.class, () -> f.identity.requestToJoin(null, null));
        assertEquals(List.of("siret", "email", "displayName", "password", "role"),
                join.errors().stream().map(FieldError::field).toList());
        assertEquals(0, count("account"));
    }

    @Test
    public void anInvalidSiretAndAnUnknownLegalFormAreRefusedTogether() {
        NewOrganization bad = new NewOrganization("X", "73282932000075", "1234", new Address("a", "b", "c", "FR"), "R");
        ValidationException e = assertThrows(ValidationException.class,
                () -> f.identity.registerOrganization(bad, person("x@example.fr", null)));
        assertEquals(List.of("siret.invalid", "legalForm.unknown"), e.errors().stream().map(FieldError::code).toList());
        assertEquals(0, count("organization"));
    }

    @Test
    public void aSecondCompanyWithTheSameSiretOrEmailIsRefused() {
        f.identity.registerOrganization(org("73282932000074"), person("a@example.fr", null));
        ValidationException dupSiret = assertThrows(ValidationException.class,
                () -> f.identity.registerOrganization(org("73282932000074"), person("b@example.fr", null)));
        assertEquals("organization.exists", dupSiret.errors().get(0).code());
        ValidationException dupEmail = assertThrows(ValidationException.class,
                () -> f.identity.registerOrganization(org("44306184100047"), person("A@example.fr", null)));
        assertEquals("email.taken", dupEmail.errors().get(0).code());
        assertEquals(1, count("organization"));
    }

    @Test
    public void aShortPasswordOrABadEmailIsRefused() {
        ValidationException e = assertThrows(ValidationException.class, () -> f.identity.registerOrganization(
                org("73282932000074"), new NewAccount("not-an-email", "X", "short".toCharArray(), null)));
        assertEquals(List.of("email.invalid", "password.tooShort"), e.errors().stream().map(FieldError::code).toList());
        assertEquals("Le mot de passe doit compter au moins 12 caractères.", e.errors().get(1).message(Locale.FRENCH));
    }

    @Test
    public void R01_joiningACompanyWaitsForItsMandataire() {
        Actor mandataire = f.company("Acme Santé");
        String siret = f.identity.organization(mandataire, mandataire.organizationId()).siret().value();
        Account pending = f.identity.requestToJoin(siret, person("paul@example.fr", OrganizationRole.SALARIE));
        assertEquals(AccountStatus.PENDING_APPROVAL, pending.status());
        AccessDeniedException notYet = assertThrows(AccessDeniedException.class,
                () -> f.identity.authenticate("paul@example.fr", Fixture.PASSWORD.toCharArray()));
        assertEquals("account.pending", notYet.code());

        Actor salarie = f.member(mandataire, OrganizationRole.SALARIE);
        assertThrows(AccessDeniedException.class, () -> f.identity.approve(salarie, pending.id()));
        Actor foreign = f.company("Autre Éditeur");
        assertThrows(org.guichets.api.error.NotFoundException.class, () -> f.identity.approve(foreign, pending.id()));

        assertEquals(AccountStatus.ACTIVE, f.identity.approve(mandataire, pending.id()).status());
        Actor paul = f.identity.authenticate("paul@example.fr", Fixture.PASSWORD.toCharArray());
        assertEquals(OrganizationRole.SALARIE, paul.organizationRole());
        assertEquals(mandataire.organizationId(), paul.organizationId());
        ValidationException twice = assertThrows(ValidationException.class, () -> f.identity.approve(mandataire, pending.id()));
        assertEquals("account.notPending", twice.errors().get(0).code());
    }

    @Test
    public void R01_joiningNeedsAKnownSiretAndARole() {
        ValidationException unknown = assertThrows(ValidationException.class,
                () -> f.identity.requestToJoin("44306184100047", person("x@example.fr", OrganizationRole.SALARIE)));
        assertEquals("organization.unknown", unknown.errors().get(0).code());
        ValidationException noRole = assertThrows(ValidationException.class,
                () -> f.identity.requestToJoin("44306184100047", person("x@example.fr", null)));
        assertEquals("role", noRole.errors().get(0).field());
    }

    @Test
    public void aWrongPasswordAndAnUnknownAddressGetTheSameAnswer() {
        f.company("Acme");
        AccessDeniedException wrong = assertThrows(AccessDeniedException.class,
                () -> f.identity.authenticate("mandataire1@acme.fr", "wrong password!!".toCharArray()));
        AccessDeniedException unknown = assertThrows(AccessDeniedException.class,
                () -> f.identity.authenticate("nobody@acme.fr", Fixture.PASSWORD.toCharArray()));
        assertEquals("credentials.invalid", wrong.code());
        assertEquals(wrong.code(), unknown.code());
    }

    @Test
    public void passwordsAreStoredAsArgon2idHashesOnly() {
        f.company("Acme");
        String stored = f.db.read(em -> (String) em.createNativeQuery("SELECT password_hash FROM account").getSingleResult());
        assertTrue(stored, stored.startsWith("$argon2id$v=19$"));
        assertFalse(stored.contains(Fixture.PASSWORD));
    }

    @Test
    public void aStaleVersionIsAConflictAndChangesNothing() {
        Actor m = f.company("Acme");
        Organization read = f.identity.organization(m, m.organizationId());
        NewOrganization change = new NewOrganization("Acme Santé", read.siret().value(), "5499", read.headOffice(), "Paul Durand");
        Organization updated = f.identity.updateOrganization(m, read.id(), read.version(), change);
        assertEquals("Acme Santé", updated.legalName());
        NewOrganization other = new NewOrganization("Acme Other", read.siret().value(), "5710", read.headOffice(), "X");
        ConflictException stale = assertThrows(ConflictException.class,
                () -> f.identity.updateOrganization(m, read.id(), read.version(), other));
        assertEquals(updated.version(), stale.currentVersion());
        assertEquals("Acme Santé", f.identity.organization(m, read.id()).legalName());
    }

    @Test
    public void staffNeverEditACompanyRecord() {
        Actor m = f.company("Acme");
        Actor admin = f.staff(PlatformRole.ADMIN);
        Organization read = f.identity.organization(admin, m.organizationId());
        assertThrows(AccessDeniedException.class, () -> f.identity.updateOrganization(admin, read.id(), read.version(),
                new NewOrganization("Hijack", read.siret().value(), "5710", read.headOffice(), "X")));
    }

    @Test
    public void aDisabledAccountCannotSignIn() {
        Actor m = f.company("Acme");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        String email = f.identity.account(m, salarie.accountId()).email();
        f.identity.disable(m, salarie.accountId());
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> f.identity.authenticate(email, Fixture.PASSWORD.toCharArray()));
        assertEquals("account.disabled", e.code());
        assertThrows(AccessDeniedException.class, () -> f.identity.disable(m, m.accountId()));
    }

    @Test
    public void onlyAdministratorsCreateStaffAccounts() {
        Actor admin = f.staff(PlatformRole.ADMIN);
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        Actor m = f.company("Acme");
        NewAccount next = person("new.reviewer@agence.example", null);
        assertThrows(AccessDeniedException.class, () -> f.identity.createStaffAccount(reviewer, next, Set.of(PlatformRole.REVIEWER)));
        assertThrows(AccessDeniedException.class, () -> f.identity.createStaffAccount(m, next, Set.of(PlatformRole.ADMIN)));
        Account created = f.identity.createStaffAccount(admin, next, Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE));
        assertEquals(Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE), created.platformRoles());
        ValidationException noRole = assertThrows(ValidationException.class,
                () -> f.identity.createStaffAccount(admin, person("x@agence.example", null), Set.of()));
        assertEquals("roles.required", noRole.errors().get(0).code());
    }

    @Test
    public void administratorsSearchAccountsAndGiveAgencyRoles() {
        Actor admin = f.staff(PlatformRole.ADMIN);
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        Actor m = f.company("Acme");
        Account target = f.identity.account(admin, reviewer.accountId());
        assertEquals(1, f.identity.accounts(admin, target.email().toUpperCase(java.util.Locale.ROOT), 0, 10).total());
        assertTrue("a blank search lists everyone", f.identity.accounts(admin, " ", 0, 50).total() >= 3);
        assertEquals("LIKE wildcards are searched as text", 0, f.identity.accounts(admin, "%_", 0, 10).total());
        assertThrows(AccessDeniedException.class, () -> f.identity.accounts(reviewer, "", 0, 10));
        assertThrows(AccessDeniedException.class, () -> f.identity.accounts(m, "", 0, 10));

        Account changed = f.identity.setPlatformRoles(admin, target.id(), target.version(),
                Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE));
        assertEquals(Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE), changed.platformRoles());
        assertEquals(Set.of(PlatformRole.REVIEWER, PlatformRole.COMMITTEE),
                f.identity.authenticate(target.email(), Fixture.PASSWORD.toCharArray()).platformRoles());
        assertThrows("a stale version", org.guichets.api.error.ConflictException.class, () -> f.identity.setPlatformRoles(admin,
                target.id(), target.version(), Set.of(PlatformRole.ADMIN)));
        assertEquals("roles.notOwn", assertThrows(ValidationException.class, () -> f.identity.setPlatformRoles(admin,
                admin.accountId(), f.identity.account(admin, admin.accountId()).version(), Set.of(PlatformRole.REVIEWER)))
                .errors().get(0).code());
        assertEquals("roles.candidate", assertThrows(ValidationException.class, () -> f.identity.setPlatformRoles(admin,
                m.accountId(), f.identity.account(admin, m.accountId()).version(), Set.of(PlatformRole.REVIEWER)))
                .errors().get(0).code());
        assertThrows(AccessDeniedException.class, () -> f.identity.setPlatformRoles(reviewer, admin.accountId(), 0,
                Set.of(PlatformRole.REVIEWER)));
        assertTrue("audited", f.audit.history(admin, "account", String.valueOf(target.id())).stream()
                .anyMatch(e -> e.action().equals("account.rolesChanged") && e.details().contains("COMMITTEE")));
        assertEquals(List.of(target.id()), f.identity.staff(admin, PlatformRole.COMMITTEE).stream().map(Account::id).toList());
        assertThrows(AccessDeniedException.class, () -> f.identity.staff(m, PlatformRole.REVIEWER));
    }

    @Test
    public void aDisabledAccountIsEnabledAgainByAnAdministrator() {
        Actor admin = f.staff(PlatformRole.ADMIN);
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        String email = f.identity.account(admin, reviewer.accountId()).email();
        f.identity.disable(admin, reviewer.accountId());
        assertEquals(List.of(), f.identity.staff(admin, PlatformRole.REVIEWER));
        assertThrows(AccessDeniedException.class, () -> f.identity.enable(reviewer, reviewer.accountId()));
        assertEquals(AccountStatus.ACTIVE, f.identity.enable(admin, reviewer.accountId()).status());
        assertEquals(reviewer.accountId(), f.identity.authenticate(email, Fixture.PASSWORD.toCharArray()).accountId());
        assertEquals("account.notDisabled", assertThrows(ValidationException.class,
                () -> f.identity.enable(admin, reviewer.accountId())).errors().get(0).code());

        // a company disables its member; only the agency opens the account again
        Actor m = f.company("Acme");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        f.identity.disable(m, salarie.accountId());
        assertThrows(AccessDeniedException.class, () -> f.identity.enable(m, salarie.accountId()));
        assertEquals(AccountStatus.ACTIVE, f.identity.enable(admin, salarie.accountId()).status());
    }

    @Test
    public void anAdministratorWhoseRolesWereTakenCannotActOnTheActorItSignedInWith() {
        Actor admin = f.staff(PlatformRole.ADMIN);
        Actor other = f.staff(PlatformRole.ADMIN);
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        Account before = f.identity.account(other, admin.accountId());
        f.identity.setPlatformRoles(other, admin.accountId(), before.version(), Set.of(PlatformRole.REVIEWER));
        // "admin" still holds the actor of its sign-in, with ADMIN in it
        assertThrows(AccessDeniedException.class, () -> f.identity.accounts(admin, "", 0, 10));
        assertThrows(AccessDeniedException.class, () -> f.identity.setPlatformRoles(admin, reviewer.accountId(),
                f.identity.account(other, reviewer.accountId()).version(), Set.of(PlatformRole.ADMIN)));
        f.identity.disable(other, admin.accountId());
        assertThrows(AccessDeniedException.class, () -> f.identity.createStaffAccount(admin,
                person("late@agence.example", null), Set.of(PlatformRole.ADMIN)));
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiToken;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.ApiTokenService.NewApiToken;
import org.guichets.api.identity.ApiTokenService.TokenActor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

/** Personal API tokens: shown once, stored hashed, scoped, revocable, and never stronger than their account now. */
public class ApiTokenServiceTest extends ServiceTestBase {

    @Test
    public void aTokenIsShownOnceStoredHashedAndActsAsItsAccount() {
        Actor m = f.company("Acme");
        NewApiToken created = f.tokens.create(m, "CI pipeline", Set.of(ApiScope.READ), null);
        assertTrue(created.secret().startsWith("gch_"));
        assertTrue("256 random bits in base64url", created.secret().length() >= 4 + 43);
        assertEquals(created.secret().substring(0, 12), created.token().prefix());
        assertEquals("the secret is not stored, only its digest", 0,
                count("api_token WHERE secret_hash = '" + created.secret() + "' OR prefix = '" + created.secret() + "'"));
        assertEquals(1, count("api_token WHERE secret_hash = '" + org.guichets.core.internal.db.Database.sha256(
                created.secret().getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + "'"));

        TokenActor who = f.tokens.authenticate(created.secret());
        assertEquals(m.accountId(), who.actor().accountId());
        assertEquals(m.organizationId(), who.actor().organizationId());
        assertTrue(who.may(ApiScope.READ));
        assertTrue(!who.may(ApiScope.WRITE));
        ApiToken listed = f.tokens.list(m).get(0);
        assertNotNull("last use recorded", listed.lastUsedAt());
        assertEquals("CI pipeline", listed.name());
        assertEquals(1, count("audit_entry WHERE action_name = 'token.created'"));
    }

    @Test
    public void revokedExpiredUnknownTokensAndDisabledAccountsAreRefused() throws Exception {
        Actor m = f.company("Acme");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        NewApiToken a = f.tokens.create(salarie, "a", EnumSet.allOf(ApiScope.class), null);
        NewApiToken b = f.tokens.create(m, "b", Set.of(ApiScope.WRITE), Instant.now().plus(1, ChronoUnit.DAYS));

        f.tokens.revoke(salarie, a.token().id());
        assertEquals("token.invalid", assertThrows(AccessDeniedException.class, () -> f.tokens.authenticate(a.secret())).code());
        assertThrows(AccessDeniedException.class, () -> f.tokens.authenticate("gch_" + "A".repeat(43)));
        assertThrows(AccessDeniedException.class, () -> f.tokens.authenticate("Bearer nothing"));
        assertThrows(AccessDeniedException.class, () -> f.tokens.authenticate(null));

        assertNotNull(f.tokens.authenticate(b.secret()));
        f.db.write(em -> em.createNativeQuery("UPDATE api_token SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE"
                + " WHERE id = " + b.token().id()).executeUpdate());
        assertThrows("expired", AccessDeniedException.class, () -> f.tokens.authenticate(b.secret()));

        NewApiToken c = f.tokens.create(salarie, "c", Set.of(ApiScope.READ), null);
        f.identity.disable(m, salarie.accountId());
        assertThrows("its account disabled", AccessDeniedException.class, () -> f.tokens.authenticate(c.secret()));
    }

    @Test
    public void aTokenCarriesTheRolesItsAccountHoldsNow() {
        Actor admin = f.staff(PlatformRole.ADMIN);
        Actor reviewer = f.staff(PlatformRole.REVIEWER);
        NewApiToken t = f.tokens.create(reviewer, "queue", Set.of(ApiScope.READ), null);
        assertEquals(Set.of(PlatformRole.REVIEWER), f.tokens.authenticate(t.secret()).actor().platformRoles());
        var account = f.identity.account(admin, reviewer.accountId());
        f.identity.setPlatformRoles(admin, reviewer.accountId(), account.version(), Set.of(PlatformRole.COMMITTEE));
        assertEquals(Set.of(PlatformRole.COMMITTEE), f.tokens.authenticate(t.secret()).actor().platformRoles());
    }

    @Test
    public void onlyItsOwnerOrAnAdministratorRevokesAToken() {
        Actor m = f.company("Acme");
        Actor other = f.company("Autre");
        NewApiToken t = f.tokens.create(m, "t", Set.of(ApiScope.READ), null);
        assertThrows(NotFoundException.class, () -> f.tokens.revoke(other, t.token().id()));
        assertTrue(f.tokens.list(other).isEmpty());
        assertNull(f.tokens.list(m).get(0).revokedAt());
        Actor admin = f.staff(PlatformRole.ADMIN);
        assertNotNull(f.tokens.revoke(admin, t.token().id()).revokedAt());
        assertEquals(1, count("audit_entry WHERE action_name = 'token.revoked'"));
    }

    @Test
    public void badRequestsAreRefusedWithTheirReason() {
        Actor m = f.company("Acme");
        ValidationException noScope = assertThrows(ValidationException.class, () -> f.tokens.create(m, "x", Set.of(), null));
        assertEquals("token.scopes", noScope.errors().get(0).code());
        ValidationException past = assertThrows(ValidationException.class,
                () -> f.tokens.create(m, "x", Set.of(ApiScope.READ), Instant.now().minusSeconds(5)));
        assertEquals("token.expiresInPast", past.errors().get(0).code());
        ValidationException noName = assertThrows(ValidationException.class,
                () -> f.tokens.create(m, " ", Set.of(ApiScope.READ), null));
        assertEquals("name", noName.errors().get(0).field());
        for (int i = 0; i < ApiTokenService.MAX_ACTIVE_TOKENS; i++) {
            f.tokens.create(m, "t" + i, Set.of(ApiScope.READ), null);
        }
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> f.tokens.create(m, "one more", Set.of(ApiScope.READ), null));
        assertEquals("token.tooMany", tooMany.errors().get(0).code());
        assertThrows("the system actor holds no token", AccessDeniedException.class,
                () -> f.tokens.create(Actor.system(), "x", Set.of(ApiScope.READ), null));
    }
}

package org.guichets.core.internal.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiToken;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.ApiTokenEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Personal API tokens. A secret is {@code gch_} and 32 random bytes in base64url; the database keeps
 * its SHA-256 (a secret of 256 random bits needs no slow hash: nothing to guess from the digest),
 * looked up by a unique index, so that authenticating a call is one indexed read. The account is
 * read in the same call: a disabled account or a role taken away stops its tokens at once.
 */
@Component(service = ApiTokenService.class)
public final class ApiTokenServiceImpl implements ApiTokenService {

    static final String PREFIX = "gch_";
    /** Last use is written at most once per this period per token: reads stay reads. */
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;

    @Activate
    public ApiTokenServiceImpl(@Reference Database db) {
        this.db = db;
    }

    @Override
    public NewApiToken create(Actor actor, String name, Set<ApiScope> scopes, Instant expiresAt) {
        requirePerson(actor);
        Checks checks = new Checks();
        String cleanName = checks.required("name", name, 100);
        checks.check(scopes != null && !scopes.isEmpty(), "scopes", "token.scopes");
        checks.check(expiresAt == null || expiresAt.isAfter(Instant.now()), "expiresAt", "token.expiresInPast");
        checks.done();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return db.write(em -> {
            Actor now = org.guichets.core.internal.AccessPolicy.actorNow(em, actor);
            if (now == null) {
                throw new AccessDeniedException("access.denied");
            }
            AccountEntity account = em.find(AccountEntity.class, now.accountId());
            long active = em.createQuery("SELECT COUNT(t) FROM ApiTokenEntity t WHERE t.accountId = :a"
                    + " AND t.revokedAt IS NULL AND (t.expiresAt IS NULL OR t.expiresAt > :now)", Long.class)
                    .setParameter("a", account.id).setParameter("now", Times.now()).getSingleResult();
            if (active >= MAX_ACTIVE_TOKENS) {
                throw ValidationException.of("name", "token.tooMany", MAX_ACTIVE_TOKENS);
            }
            ApiTokenEntity t = new ApiTokenEntity();
            t.accountId = account.id;
            t.name = cleanName;
            t.prefix = secret.substring(0, 12);
            t.secretHash = Database.sha256(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            t.scopes = scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            t.createdAt = Times.now();
            t.expiresAt = expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
            em.persist(t);
            em.flush();
            AuditLog.append(em, actor, "token.created", "token", t.id, "name", t.name, "scopes", t.scopes,
                    "expiresAt", expiresAt == null ? null : expiresAt.toString());
            return new NewApiToken(view(t), secret);
        });
    }

    @Override
    public List<ApiToken> list(Actor actor) {
        requirePerson(actor);
        return db.read(em -> em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.accountId = :a ORDER BY t.id DESC",
                ApiTokenEntity.class).setParameter("a", actor.accountId()).getResultList().stream()
                .map(ApiTokenServiceImpl::view).toList());
    }

    @Override
    public ApiToken revoke(Actor actor, long tokenId) {
        requirePerson(actor);
        return db.write(em -> {
            ApiTokenEntity t = em.find(ApiTokenEntity.class, tokenId);
            boolean own = t != null && t.accountId == actor.accountId();
            if (t == null || (!own && !org.guichets.core.internal.AccessPolicy.rolesNow(em, actor)
                    .contains(PlatformRole.ADMIN))) {
                throw new NotFoundException("token", tokenId);
            }
            if (t.revokedAt == null) {
                t.revokedAt = Times.now();
                AuditLog.append(em, actor, "token.revoked", "token", t.id, "name", t.name, "accountId", t.accountId);
            }
            return view(t);
        });
    }

    @Override
    public TokenActor authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            throw new AccessDeniedException("token.invalid");
        }
        String hash = Database.sha256(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        OffsetDateTime now = Times.now();
        Found found = db.read(em -> {
            List<ApiTokenEntity> rows = em.createQuery("SELECT t FROM ApiTokenEntity t WHERE t.secretHash = :h",
                    ApiTokenEntity.class).setParameter("h", hash).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            ApiTokenEntity t = rows.get(0);
            AccountEntity a = em.find(AccountEntity.class, t.accountId);
            return new Found(t.id, t.scopes, t.revokedAt, t.expiresAt, t.lastUsedAt, a);
        });
        if (found == null || found.revokedAt != null || (found.expiresAt != null && !now.isBefore(found.expiresAt))
                || found.account == null || !AccountStatus.ACTIVE.name().equals(found.account.status)) {
            throw new AccessDeniedException("token.invalid");
        }
        if (found.lastUsedAt == null || found.lastUsedAt.plus(LAST_USED_GRANULARITY).isBefore(now)) {
            db.write(em -> em.createQuery("UPDATE ApiTokenEntity t SET t.lastUsedAt = :now WHERE t.id = :id")
                    .setParameter("now", now).setParameter("id", found.id).executeUpdate());
        }
        return new TokenActor(Actor.of(IdentityServiceImpl.toAccount(found.account)), scopes(found.scopes), found.id);
    }

    private record Found(long id, String scopes, OffsetDateTime revokedAt, OffsetDateTime expiresAt,
            OffsetDateTime lastUsedAt, AccountEntity account) {}

    private static void requirePerson(Actor actor) {
        if (actor == null || actor.isSystem()) {
            throw new AccessDeniedException("access.denied");
        }
    }

    private static Set<ApiScope> scopes(String names) {
        Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
        Arrays.stream(names.split(",")).filter(s -> !s.isBlank()).map(ApiScope::valueOf).forEach(scopes::add);
        return scopes;
    }

    static ApiToken view(ApiTokenEntity t) {
        return new ApiToken(t.id, t.accountId, t.name, t.prefix, scopes(t.scopes), t.createdAt.toInstant(),
                t.expiresAt == null ? null : t.expiresAt.toInstant(),
                t.lastUsedAt == null ? null : t.lastUsedAt.toInstant(),
                t.revokedAt == null ? null : t.revokedAt.toInstant());
    }
}

package org.guichets.api.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Personal API tokens: an account creates, lists and revokes its own; the REST API authenticates
 * each call with one. A token acts as its account with that account's roles read at each call, and
 * never more than its scopes allow.
 */
@ProviderType
public interface ApiTokenService {

    /** The most tokens an account may hold at once (revoked and expired ones do not count). */
    int MAX_ACTIVE_TOKENS = 20;

    /**
     * Creates a token for the actor's own account. The secret is in the answer only: it is stored
     * as a hash.
     *
     * @param expiresAt when it stops working (in the future), or {@code null} for never
     */
    NewApiToken create(Actor actor, String name, Set<ApiScope> scopes, Instant expiresAt);

    /** The actor's own tokens, newest first, revoked ones included. */
    List<ApiToken> list(Actor actor);

    /** Revokes one of the actor's tokens (administrators: anyone's); at once, for every call after. */
    ApiToken revoke(Actor actor, long tokenId);

    /**
     * The account and scopes of a presented secret.
     *
     * @throws org.guichets.api.error.AccessDeniedException with code {@code token.invalid} when the
     *         secret is unknown, revoked, expired, or its account may not sign in
     */
    TokenActor authenticate(String secret);

    /** A created token and its secret, shown once. */
    record NewApiToken(ApiToken token, String secret) {}

    /** Who a token acts as, read now, and what it may do. */
    record TokenActor(Actor actor, Set<ApiScope> scopes, long tokenId) {
        public TokenActor {
            scopes = Set.copyOf(scopes);
        }

        public boolean may(ApiScope scope) {
            return scopes.contains(scope);
        }
    }
}

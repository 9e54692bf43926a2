package org.guichets.api.identity;

import java.time.Instant;
import java.util.Set;

/**
 * A personal API token, as listed: never its secret, which is shown once at creation and stored
 * only as a hash.
 *
 * @param id identifier
 * @param accountId the account it acts as
 * @param name what its owner called it ("CI pipeline")
 * @param prefix the secret's first characters, to recognise it
 * @param scopes what it may do
 * @param createdAt when it was created
 * @param expiresAt when it stops working, or {@code null} for never
 * @param lastUsedAt when it last authenticated a call (to the minute), or {@code null}
 * @param revokedAt when its owner revoked it, or {@code null}
 */
public record ApiToken(long id, long accountId, String name, String prefix, Set<ApiScope> scopes, Instant createdAt,
        Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiToken {
        scopes = Set.copyOf(scopes);
    }

    /** Whether it still authenticates at {@code now}. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}

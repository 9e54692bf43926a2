package org.guichets.api.identity;

import java.util.Set;

/**
 * Who calls a service: the authenticated account with its company and roles, as the identity
 * service established them at sign-in. Services decide what the actor may do and see from it.
 *
 * @param accountId the account, or 0 for the platform itself ({@link #system()})
 * @param displayName for the audit trail
 * @param organizationId the company, or {@code null} for agency staff
 * @param organizationRole the role in the company, or {@code null}
 * @param platformRoles agency roles
 */
public record Actor(long accountId, String displayName, Long organizationId, OrganizationRole organizationRole,
        Set<PlatformRole> platformRoles) {

    private static final Actor SYSTEM = new Actor(0, "system", null, null, Set.of());

    public Actor {
        platformRoles = Set.copyOf(platformRoles);
    }

    /** The platform itself, for scheduled jobs; it has no company and no role. */
    public static Actor system() {
        return SYSTEM;
    }

    /** The actor for an account. */
    public static Actor of(Account account) {
        return new Actor(account.id(), account.displayName(), account.organizationId(), account.organizationRole(),
                account.platformRoles());
    }

    public boolean isSystem() {
        return accountId == 0;
    }

    public boolean has(PlatformRole role) {
        return platformRoles.contains(role);
    }

    /** Whether the actor acts for company {@code organizationId}. */
    public boolean belongsTo(long organizationId) {
        return this.organizationId != null && this.organizationId == organizationId;
    }

    /** Whether the actor is agency staff (reviewer, committee or admin). */
    public boolean isStaff() {
        return !platformRoles.isEmpty();
    }
}

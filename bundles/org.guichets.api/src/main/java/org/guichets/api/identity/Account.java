package org.guichets.api.identity;

import java.util.Set;

/**
 * A person's account. Immutable snapshot; never carries the password or its hash.
 *
 * @param id internal identifier
 * @param email sign-in address, lower case
 * @param displayName name shown to others
 * @param organizationId the company, or {@code null} for agency staff
 * @param organizationRole the role in the company, or {@code null} for agency staff
 * @param platformRoles the agency roles, possibly empty
 * @param status whether it may sign in
 * @param version optimistic-locking version
 */
public record Account(
        long id, String email, String displayName, Long organizationId, OrganizationRole organizationRole,
        Set<PlatformRole> platformRoles, AccountStatus status, long version) {

    public Account {
        platformRoles = Set.copyOf(platformRoles);
    }
}

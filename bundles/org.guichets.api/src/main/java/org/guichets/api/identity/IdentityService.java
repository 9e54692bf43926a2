package org.guichets.api.identity;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Companies, accounts and sign-in. Provided by the core; thread-safe; every method runs in
 * its own transaction and writes the audit trail. Refusals are {@link
 * org.guichets.api.error.GuichetsException}s: {@code ValidationException} lists the fields at
 * fault, {@code AccessDeniedException} when the actor may not, {@code ConflictException} on a
 * stale version; nothing is stored when one is thrown.
 */
@ProviderType
public interface IdentityService {

    /**
     * A mandataire creates its company and its own account. The account is active at once.
     *
     * @return the mandataire's account
     */
    Account registerOrganization(NewOrganization organization, NewAccount mandataire);

    /**
     * A person asks to join an existing company, found by SIRET, with the role it chose;
     * the account waits for the approval of the company's mandataire or a responsable.
     */
    Account requestToJoin(String siret, NewAccount account);

    /** The mandataire (or a responsable) of the company approves a pending account. */
    Account approve(Actor actor, long accountId);

    /** An administrator, or the company's mandataire for its members, disables an account. */
    Account disable(Actor actor, long accountId);

    /**
     * Signs in.
     *
     * @throws org.guichets.api.error.AccessDeniedException {@code credentials.invalid} for an
     *     unknown address or a wrong password (the same answer for both), {@code account.pending}
     *     or {@code account.disabled}
     */
    Actor authenticate(String email, char[] password);

    /** An administrator creates an agency account (reviewer, committee, admin). */
    Account createStaffAccount(Actor actor, NewAccount account, Set<PlatformRole> roles);

    /** The company: its members and the agency's staff may read it. */
    Organization organization(Actor actor, long organizationId);

    /** The mandataire or a responsable changes the company's record. */
    Organization updateOrganization(Actor actor, long organizationId, long expectedVersion, NewOrganization changes);

    /** The company's accounts, pending ones included; for its members and the agency's staff. */
    List<Account> members(Actor actor, long organizationId);

    /** One account: itself, a member of the same company, or agency staff. */
    Account account(Actor actor, long accountId);

    /**
     * Accounts whose email or name contains {@code search} (all when blank), by email; administrators only.
     *
     * @throws org.guichets.api.error.AccessDeniedException unless the actor is an administrator
     */
    org.guichets.api.Page<Account> accounts(Actor actor, String search, int offset, int limit);

    /**
     * Gives an agency account its platform roles (at least one; a candidate's account gets none).
     * Administrators only, never on their own account (an administrator cannot lock everyone out);
     * audited.
     *
     * @throws org.guichets.api.error.ConflictException when the account changed since {@code expectedVersion}
     */
    Account setPlatformRoles(Actor actor, long accountId, long expectedVersion, Set<PlatformRole> roles);

    /** Opens a disabled account again: administrators only (a company disables, only the agency reopens). Audited. */
    Account enable(Actor actor, long accountId);

    /** The active agency accounts holding {@code role}, by name; for staff. */
    List<Account> staff(Actor actor, PlatformRole role);

    /**
     * The language the actor's mails are written in ({@code fr} or {@code en}); the portal keeps it
     * to the language its user chose.
     */
    void setLanguage(Actor actor, String language);

    /** The language the actor's mails are written in: {@code fr} (the default) or {@code en}. */
    String language(Actor actor);
}

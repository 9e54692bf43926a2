package org.guichets.core.internal;

import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.jpa.ProductEntity;

/**
 * Who may see and do what, in one place; every service asks it before reading or changing a
 * record. Reads of another company's records answer "not found" (their existence is not
 * revealed); forbidden actions on visible records answer "access denied".
 */
public final class AccessPolicy {

    private AccessPolicy() {}

    /** A company's record: its members and the agency's staff. */
    public static boolean canReadOrganization(Actor actor, long organizationId) {
        return actor.isStaff() || actor.belongsTo(organizationId);
    }

    /**
     * Approving, disabling and listing a company's accounts: its mandataire and responsables
     * (R-01 and the portal's account roles), and administrators.
     */
    public static boolean canManageAccounts(Actor actor, long organizationId) {
        return actor.has(PlatformRole.ADMIN) || (actor.belongsTo(organizationId) && actor.organizationRole() != null
                && actor.organizationRole().managesAccounts());
    }

    /** Changing the company's record: its mandataire and responsables; the agency never edits it. */
    public static boolean canEditOrganization(Actor actor, long organizationId) {
        return actor.belongsTo(organizationId) && actor.organizationRole() != null
                && actor.organizationRole().managesAccounts();
    }

    /** The mandataire and responsables of a company act on all its products. */
    public static boolean seesAllProducts(Actor actor, long organizationId) {
        return actor.belongsTo(organizationId) && (actor.organizationRole() == OrganizationRole.MANDATAIRE
                || actor.organizationRole() == OrganizationRole.RESPONSABLE);
    }

    /** A product: the company's managers, its responsable and collaborators; agency staff read. */
    public static boolean canReadProduct(Actor actor, ProductEntity product) {
        return actor.isStaff() || canWriteProduct(actor, product);
    }

    /** Changing a product or applying with it: the company's people who have it; never the agency. */
    public static boolean canWriteProduct(Actor actor, ProductEntity product) {
        if (!actor.belongsTo(product.organizationId)) {
            return false;
        }
        return seesAllProducts(actor, product.organizationId) || product.responsableId == actor.accountId()
                || product.collaboratorIds.contains(actor.accountId());
    }

    /** Creating products: any member of a company. */
    public static boolean canCreateProduct(Actor actor) {
        return actor.organizationId() != null && actor.organizationRole() != null;
    }

    /**
     * The condition a query adds so that the actor sees only the records of the products it may
     * see, with its parameters; empty when the actor may see none. Agency staff see all.
     *
     * @param organization the JPQL path of the record's company, e.g. {@code c.organizationId}
     * @param product the JPQL path of the record's product id, e.g. {@code c.productId}
     */
    public static java.util.Optional<Visibility> visibleProducts(Actor actor, String organization, String product) {
        if (actor.isStaff()) {
            return java.util.Optional.of(new Visibility("", java.util.Map.of()));
        }
        if (actor.organizationId() == null) {
            return java.util.Optional.empty();
        }
        if (seesAllProducts(actor, actor.organizationId())) {
            return java.util.Optional.of(new Visibility(" AND " + organization + " = :visibleOrg",
                    java.util.Map.of("visibleOrg", actor.organizationId())));
        }
        return java.util.Optional.of(new Visibility(" AND " + organization + " = :visibleOrg AND " + product
                + " IN (SELECT vp.id FROM ProductEntity vp WHERE vp.organizationId = :visibleOrg"
                + " AND (vp.responsableId = :visibleMe OR :visibleMe MEMBER OF vp.collaboratorIds))",
                java.util.Map.of("visibleOrg", actor.organizationId(), "visibleMe", actor.accountId())));
    }

    /** A JPQL condition and the parameters it binds. */
    public record Visibility(String clause, java.util.Map<String, Object> params) {
        /** Binds the parameters on a query built with {@link #clause()}. */
        public void bind(jakarta.persistence.Query query) {
            params.forEach(query::setParameter);
        }
    }

    /** The audit trail's verification: administrators and the platform itself. */
    public static boolean canVerifyAudit(Actor actor) {
        return actor.isSystem() || actor.has(PlatformRole.ADMIN);
    }

    /**
     * The actor holds one of {@code roles} now, not only when it signed in: its account is read
     * again, so that a role taken away or an account disabled stops a session opened before.
     *
     * @throws org.guichets.api.error.AccessDeniedException otherwise
     */
    public static void requireRoleNow(jakarta.persistence.EntityManager em, Actor actor, PlatformRole... roles) {
        if (actor.isSystem()) {
            return;
        }
        java.util.Set<PlatformRole> now = rolesNow(em, actor);
        if (java.util.Arrays.stream(roles).noneMatch(now::contains)) {
            throw new org.guichets.api.error.AccessDeniedException("access.denied");
        }
    }

    /** The agency roles the actor's account holds now; none when it is disabled or gone. */
    public static java.util.Set<PlatformRole> rolesNow(jakarta.persistence.EntityManager em, Actor actor) {
        Actor now = actorNow(em, actor);
        return now == null ? java.util.Set.of() : now.platformRoles();
    }

    /** The actor as its account stands now (roles, company role), or {@code null} when disabled or gone. */
    public static Actor actorNow(jakarta.persistence.EntityManager em, Actor actor) {
        org.guichets.core.internal.jpa.AccountEntity self = em.find(org.guichets.core.internal.jpa.AccountEntity.class,
                actor.accountId());
        if (self == null || !org.guichets.api.identity.AccountStatus.ACTIVE.name().equals(self.status)) {
            return null;
        }
        return Actor.of(org.guichets.core.internal.identity.IdentityServiceImpl.toAccount(self));
    }
}

package org.guichets.core.internal.identity;

import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.guichets.core.internal.Times;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.LegalForm;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.Organization;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.identity.Siret;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.notification.Outbox;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.OrganizationEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Companies, accounts and sign-in. */
@Component(service = IdentityService.class)
public final class IdentityServiceImpl implements IdentityService {

    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private final Database db;
    private final PasswordHasher hasher;
    /** Verified against for unknown addresses, so that both failures take the same time. */
    private final String decoyHash;

    @Activate
    public IdentityServiceImpl(@Reference Database db) {
        this(db, PasswordHasher.DEFAULT);
    }

    public IdentityServiceImpl(Database db, PasswordHasher hasher) {
        this.db = db;
        this.hasher = hasher;
        this.decoyHash = hasher.hash("decoy-password-never-matches".toCharArray());
    }

    @Override
    public Account registerOrganization(NewOrganization organization, NewAccount mandataire) {
        Checks checks = new Checks();
        OrganizationEntity org = organizationFields(checks, organization, new OrganizationEntity());
        AccountEntity account = accountFields(checks, mandataire);
        checks.done();
        // hashed before the transaction: Argon2id takes tens of milliseconds, a pooled connection should not wait
        String passwordHash = hasher.hash(mandataire.password());
        return db.write(em -> {
            Checks unique = new Checks();
            unique.check(findOrganization(em, org.siret).isEmpty(), "siret", "organization.exists", org.siret);
            unique.check(findAccount(em, account.email).isEmpty(), "email", "email.taken", account.email);
            unique.done();
            org.createdAt = Times.now();
            em.persist(org);
            em.flush();
            account.organizationId = org.id;
            account.organizationRole = OrganizationRole.MANDATAIRE.name();
            account.status = AccountStatus.ACTIVE.name();
            account.passwordHash = passwordHash;
            em.persist(account);
            em.flush();
            Actor self = new Actor(account.id, account.displayName, org.id, OrganizationRole.MANDATAIRE, Set.of());
            AuditLog.append(em, self, "organization.registered", "organization", org.id, "siret", org.siret,
                    "legalName", org.legalName, "legalForm", org.legalForm);
            AuditLog.append(em, self, "account.created", "account", account.id, "email", account.email,
                    "organizationRole", account.organizationRole, "status", account.status);
            return toAccount(account);
        });
    }

    @Override
    public Account requestToJoin(String siretText, NewAccount newAccount) {
        Checks checks = new Checks();
        Siret siret = null;
        try {
            siret = Siret.parse(siretText);
        } catch (ValidationException e) {
            checks.add(e);
        }
        AccountEntity account = accountFields(checks, newAccount);
        checks.required("role", newAccount == null ? null : newAccount.role());
        checks.done();
        String siretValue = siret.value();
        String passwordHash = hasher.hash(newAccount.password());
        return db.write(em -> {
            OrganizationEntity org = findOrganization(em, siretValue)
                    .orElseThrow(() -> ValidationException.of("siret", "organization.unknown", siretValue));
            if (findAccount(em, account.email).isPresent()) {
                throw ValidationException.of("email", "email.taken", account.email);
            }
            account.organizationId = org.id;
            account.organizationRole = newAccount.role().name();
            account.status = AccountStatus.PENDING_APPROVAL.name();
            account.passwordHash = passwordHash;
            em.persist(account);
            em.flush();
            Actor self = new Actor(account.id, account.displayName, org.id, newAccount.role(), Set.of());
            AuditLog.append(em, self, "account.joinRequested", "account", account.id, "email", account.email,
                    "organizationId", org.id, "organizationRole", account.organizationRole);
            List<Long> managers = Outbox.managers(em, org.id);
            Outbox.mail(em, managers, "joinRequested", java.util.Map.of(
                    "name", account.displayName, "email", account.email, "organization", org.legalName,
                    "link", "/entreprise"));
            return toAccount(account);
        });
    }

    @Override
    public Account approve(Actor actor, long accountId) {
        return db.write(em -> {
            AccountEntity a = visibleAccount(em, actor, accountId);
            if (a.organizationId == null || !AccessPolicy.canManageAccounts(actor, a.organizationId)) {
                throw new AccessDeniedException("access.denied");
            }
            if (!AccountStatus.PENDING_APPROVAL.name().equals(a.status)) {
                throw ValidationException.of("status", "account.notPending");
            }
            a.status = AccountStatus.ACTIVE.name();
            AuditLog.append(em, actor, "account.approved", "account", a.id, "status", a.status);
            em.flush();
            return toAccount(a);
        });
    }

    @Override
    public Account disable(Actor actor, long accountId) {
        return db.write(em -> {
            AccountEntity a = visibleAccount(em, actor, accountId);
            boolean allowed = actor.has(PlatformRole.ADMIN)
                    || (a.organizationId != null && AccessPolicy.canManageAccounts(actor, a.organizationId));
            if (!allowed || a.id == actor.accountId()) {
                throw new AccessDeniedException("access.denied");
            }
            a.status = AccountStatus.DISABLED.name();
            AuditLog.append(em, actor, "account.disabled", "account", a.id, "status", a.status);
            em.flush();
            return toAccount(a);
        });
    }

    @Override
    public Actor authenticate(String email, char[] password) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<AccountEntity> found = db.read(em -> findAccount(em, normalized));
        if (found.isEmpty()) {
            hasher.verify(password, decoyHash);
            throw new AccessDeniedException("credentials.invalid");
        }
        AccountEntity a = found.get();
        if (!hasher.verify(password, a.passwordHash)) {
            throw new AccessDeniedException("credentials.invalid");
        }
        if (AccountStatus.PENDING_APPROVAL.name().equals(a.status)) {
            throw new AccessDeniedException("account.pending");
        }
        if (AccountStatus.DISABLED.name().equals(a.status)) {
            throw new AccessDeniedException("account.disabled");
        }
        if (hasher.needsRehash(a.passwordHash)) {
            String rehashed = hasher.hash(password);
            db.write(em -> {
                AccountEntity fresh = em.find(AccountEntity.class, a.id);
                fresh.passwordHash = rehashed;
                return null;
            });
        }
        return Actor.of(toAccount(a));
    }

    @Override
    public Account createStaffAccount(Actor actor, NewAccount newAccount, Set<PlatformRole> roles) {
        if (!actor.isSystem() && !actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        Checks checks = new Checks();
        AccountEntity account = accountFields(checks, newAccount);
        checks.check(roles != null && !roles.isEmpty(), "roles", "roles.required");
        checks.done();
        String passwordHash = hasher.hash(newAccount.password());
        return db.write(em -> {
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.ADMIN);
            if (findAccount(em, account.email).isPresent()) {
                throw ValidationException.of("email", "email.taken", account.email);
            }
            account.platformRoles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            account.status = AccountStatus.ACTIVE.name();
            account.passwordHash = passwordHash;
            em.persist(account);
            em.flush();
            AuditLog.append(em, actor, "account.created", "account", account.id, "email", account.email,
                    "platformRoles", account.platformRoles, "status", account.status);
            return toAccount(account);
        });
    }

    @Override
    public Organization organization(Actor actor, long organizationId) {
        return db.read(em -> toOrganization(visibleOrganization(em, actor, organizationId)));
    }

    @Override
    public Organization updateOrganization(Actor actor, long organizationId, long expectedVersion, NewOrganization changes) {
        Checks checks = new Checks();
        OrganizationEntity proposed = organizationFields(checks, changes, new OrganizationEntity());
        checks.done();
        return db.write(em -> {
            OrganizationEntity org = visibleOrganization(em, actor, organizationId);
            if (!AccessPolicy.canEditOrganization(actor, organizationId)) {
                throw new AccessDeniedException("access.denied");
            }
            if (org.version != expectedVersion) {
                throw new ConflictException("organization", org.siret, expectedVersion, org.version);
            }
            if (!org.siret.equals(proposed.siret) && findOrganization(em, proposed.siret).isPresent()) {
                throw ValidationException.of("siret", "organization.exists", proposed.siret);
            }
            org.legalName = proposed.legalName;
            org.siret = proposed.siret;
            org.legalForm = proposed.legalForm;
            org.street = proposed.street;
            org.postalCode = proposed.postalCode;
            org.city = proposed.city;
            org.country = proposed.country;
            org.legalRepresentative = proposed.legalRepresentative;
            em.flush();
            AuditLog.append(em, actor, "organization.updated", "organization", org.id, "siret", org.siret,
                    "legalName", org.legalName, "legalForm", org.legalForm, "legalRepresentative", org.legalRepresentative);
            return toOrganization(org);
        });
    }

    @Override
    public List<Account> members(Actor actor, long organizationId) {
        return db.read(em -> {
            visibleOrganization(em, actor, organizationId);
            return em.createQuery("SELECT a FROM AccountEntity a WHERE a.organizationId = :org ORDER BY a.displayName",
                            AccountEntity.class)
                    .setParameter("org", organizationId)
                    .getResultList().stream().map(IdentityServiceImpl::toAccount).toList();
        });
    }

    @Override
    public Account account(Actor actor, long accountId) {
        return db.read(em -> toAccount(visibleAccount(em, actor, accountId)));
    }

    @Override
    public org.guichets.api.Page<Account> accounts(Actor actor, String search, int offset, int limit) {
        if (!actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        String like = "%" + (search == null ? "" : search.strip().toLowerCase(Locale.ROOT))
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        int size = Math.max(1, Math.min(limit, 200));
        int from = Math.max(0, offset);
        return db.read(em -> {
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.ADMIN);
            String where = " FROM AccountEntity a WHERE LOWER(a.email) LIKE :q ESCAPE '\\' OR LOWER(a.displayName) LIKE :q ESCAPE '\\'";
            long total = em.createQuery("SELECT COUNT(a)" + where, Long.class).setParameter("q", like).getSingleResult();
            List<Account> items = em.createQuery("SELECT a" + where + " ORDER BY a.email", AccountEntity.class)
                    .setParameter("q", like).setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(IdentityServiceImpl::toAccount).toList();
            return new org.guichets.api.Page<>(items, total, from, size);
        });
    }

    @Override
    public Account setPlatformRoles(Actor actor, long accountId, long expectedVersion, Set<PlatformRole> roles) {
        if (!actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        return db.write(em -> {
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.ADMIN);
            AccountEntity a = visibleAccount(em, actor, accountId);
            if (a.id == actor.accountId()) {
                throw ValidationException.of("roles", "roles.notOwn");
            }
            if (a.version != expectedVersion) {
                throw new ConflictException("account", a.email, expectedVersion, a.version);
            }
            Checks checks = new Checks();
            checks.check(a.organizationId == null, "roles", "roles.candidate");
            checks.check(roles != null && !roles.isEmpty(), "roles", "roles.required");
            checks.done();
            String before = a.platformRoles;
            a.platformRoles = roles.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
            em.flush();
            AuditLog.append(em, actor, "account.rolesChanged", "account", a.id, "before", before, "platformRoles", a.platformRoles);
            return toAccount(a);
        });
    }

    @Override
    public Account enable(Actor actor, long accountId) {
        // administrators only: a company's managers disable a member, but an account an
        // administrator suspended is not theirs to open again
        if (!actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        return db.write(em -> {
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.ADMIN);
            AccountEntity a = visibleAccount(em, actor, accountId);
            if (!AccountStatus.DISABLED.name().equals(a.status)) {
                throw ValidationException.of("status", "account.notDisabled");
            }
            a.status = AccountStatus.ACTIVE.name();
            AuditLog.append(em, actor, "account.enabled", "account", a.id, "status", a.status);
            em.flush();
            return toAccount(a);
        });
    }

    @Override
    public List<Account> staff(Actor actor, PlatformRole role) {
        if (!actor.isStaff() && !actor.isSystem()) {
            throw new AccessDeniedException("access.denied");
        }
        return db.read(em -> em.createQuery("SELECT a FROM AccountEntity a WHERE a.organizationId IS NULL AND a.status = :s"
                        + " AND a.platformRoles LIKE :r ORDER BY a.displayName", AccountEntity.class)
                .setParameter("s", AccountStatus.ACTIVE.name()).setParameter("r", "%" + role.name() + "%").getResultList()
                .stream().map(IdentityServiceImpl::toAccount).filter(a -> a.platformRoles().contains(role)).toList());
    }

    private static AccountEntity visibleAccount(EntityManager em, Actor actor, long accountId) {
        AccountEntity a = em.find(AccountEntity.class, accountId);
        boolean visible = a != null && (actor.isStaff() || actor.isSystem() || a.id == actor.accountId()
                || (a.organizationId != null && actor.belongsTo(a.organizationId)));
        if (!visible) {
            throw new NotFoundException("account", accountId);
        }
        return a;
    }

    private static OrganizationEntity visibleOrganization(EntityManager em, Actor actor, long organizationId) {
        OrganizationEntity org = em.find(OrganizationEntity.class, organizationId);
        if (org == null || !(actor.isSystem() || AccessPolicy.canReadOrganization(actor, organizationId))) {
            throw new NotFoundException("organization", organizationId);
        }
        return org;
    }

    private static OrganizationEntity organizationFields(Checks checks, NewOrganization given, OrganizationEntity org) {
        NewOrganization in = given == null ? new NewOrganization(null, null, null, null, null) : given;
        org.legalName = checks.required("legalName", in.legalName(), 300);
        try {
            org.siret = Siret.parse(in.siret()).value();
        } catch (ValidationException e) {
            checks.add(e);
        }
        String form = checks.required("legalForm", in.legalFormCode(), 4);
        if (form != null) {
            checks.check(LegalForm.find(form).isPresent(), "legalForm", "legalForm.unknown", form);
        }
        org.legalForm = form;
        Address address = in.headOffice() == null ? new Address(null, null, null, null) : in.headOffice();
        org.street = checks.required("headOffice.street", address.street(), 500);
        org.postalCode = checks.required("headOffice.postalCode", address.postalCode(), 20);
        org.city = checks.required("headOffice.city", address.city(), 200);
        org.country = address.country();
        checks.check(org.country.matches("[A-Z]{2}"), "headOffice.country", "field.invalid");
        org.legalRepresentative = checks.required("legalRepresentative", in.legalRepresentative(), 200);
        return org;
    }

    private static AccountEntity accountFields(Checks checks, NewAccount given) {
        NewAccount in = given == null ? new NewAccount(null, null, null, null) : given;
        AccountEntity a = new AccountEntity();
        String email = checks.required("email", in.email(), 254);
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
            checks.check(EMAIL.matcher(email).matches(), "email", "email.invalid", email);
        }
        a.email = email;
        a.displayName = checks.required("displayName", in.displayName(), 200);
        checks.check(in.password() != null && in.password().length >= MIN_PASSWORD_LENGTH, "password",
                "password.tooShort", MIN_PASSWORD_LENGTH);
        a.platformRoles = "";
        a.createdAt = Times.now();
        return a;
    }

    private static Optional<OrganizationEntity> findOrganization(EntityManager em, String siret) {
        return em.createQuery("SELECT o FROM OrganizationEntity o WHERE o.siret = :siret", OrganizationEntity.class)
                .setParameter("siret", siret).getResultStream().findFirst();
    }

    private static Optional<AccountEntity> findAccount(EntityManager em, String email) {
        return em.createQuery("SELECT a FROM AccountEntity a WHERE a.email = :email", AccountEntity.class)
                .setParameter("email", email).getResultStream().findFirst();
    }

    public static Account toAccount(AccountEntity a) {
        Set<PlatformRole> roles = a.platformRoles == null || a.platformRoles.isEmpty() ? Set.of()
                : Arrays.stream(a.platformRoles.split(",")).map(PlatformRole::valueOf)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(PlatformRole.class)));
        return new Account(a.id, a.email, a.displayName, a.organizationId,
                a.organizationRole == null ? null : OrganizationRole.valueOf(a.organizationRole), roles,
                AccountStatus.valueOf(a.status), a.version);
    }

    static Organization toOrganization(OrganizationEntity o) {
        return new Organization(o.id, o.legalName, new Siret(o.siret), o.legalForm,
                new Address(o.street, o.postalCode, o.city, o.country), o.legalRepresentative, o.version);
    }

    @Override
    public void setLanguage(Actor actor, String language) {
        if (!"fr".equals(language) && !"en".equals(language)) {
            throw ValidationException.of("language", "language.unknown", String.valueOf(language));
        }
        if (actor.isSystem()) {
            return;
        }
        db.write(em -> em.createQuery("UPDATE AccountEntity a SET a.language = :l WHERE a.id = :id AND a.language <> :l")
                .setParameter("l", language).setParameter("id", actor.accountId()).executeUpdate());
    }

    @Override
    public String language(Actor actor) {
        if (actor.isSystem()) {
            return "fr";
        }
        return db.read(em -> {
            AccountEntity a = em.find(AccountEntity.class, actor.accountId());
            return a == null || a.language == null ? "fr" : a.language;
        });
    }
}

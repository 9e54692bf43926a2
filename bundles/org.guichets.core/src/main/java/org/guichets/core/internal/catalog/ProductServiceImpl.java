package org.guichets.core.internal.catalog;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.Page;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The product catalogues. */
@Component(service = ProductService.class)
public final class ProductServiceImpl implements ProductService {

    /** The largest page a search returns. */
    static final int MAX_PAGE = 200;

    private final Database db;

    @Activate
    public ProductServiceImpl(@Reference Database db) {
        this.db = db;
    }

    @Override
    public Product create(Actor actor, ProductDraft draft) {
        if (!AccessPolicy.canCreateProduct(actor)) {
            throw new AccessDeniedException("access.denied");
        }
        ProductEntity p = new ProductEntity();
        p.organizationId = actor.organizationId();
        Checks checks = new Checks();
        fields(checks, draft, p);
        checks.done();
        return db.write(em -> {
            requireMember(em, p.organizationId, p.responsableId, "responsableId");
            p.collaboratorIds.add(actor.accountId());
            em.persist(p);
            em.flush();
            AuditLog.append(em, actor, "product.created", "product", p.id, "name", p.name, "softwareVersion",
                    p.softwareVersion, "responsableId", p.responsableId);
            return toProduct(p);
        });
    }

    @Override
    public Product update(Actor actor, long productId, long expectedVersion, ProductDraft draft) {
        ProductEntity proposed = new ProductEntity();
        Checks checks = new Checks();
        fields(checks, draft, proposed);
        checks.done();
        return db.write(em -> {
            ProductEntity p = writable(em, actor, productId);
            if (p.version != expectedVersion) {
                throw new ConflictException("product", p.id, expectedVersion, p.version);
            }
            requireMember(em, p.organizationId, proposed.responsableId, "responsableId");
            p.name = proposed.name;
            p.softwareVersion = proposed.softwareVersion;
            p.nil = proposed.nil;
            p.responsableId = proposed.responsableId;
            p.description = proposed.description;
            p.certifications = proposed.certifications;
            p.interests = proposed.interests;
            p.searchText = proposed.searchText;
            em.flush();
            AuditLog.append(em, actor, "product.updated", "product", p.id, "name", p.name, "softwareVersion",
                    p.softwareVersion, "responsableId", p.responsableId, "version", p.version);
            return toProduct(p);
        });
    }

    @Override
    public Product get(Actor actor, long productId) {
        return db.read(em -> toProduct(readable(em, actor, productId)));
    }

    @Override
    public Page<Product> search(Actor actor, String query, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int from = Math.max(0, offset);
        return db.read(em -> {
            var visible = AccessPolicy.visibleProducts(actor, "p.organizationId", "p.id");
            if (visible.isEmpty()) {
                return new Page<>(List.of(), 0, from, size);
            }
            StringBuilder where = new StringBuilder(" FROM ProductEntity p WHERE 1 = 1").append(visible.get().clause());
            String needle = query == null || query.isBlank() ? null : normalize(query);
            if (needle != null) {
                where.append(" AND p.searchText LIKE :needle ESCAPE '\\'");
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(p)" + where, Long.class);
            TypedQuery<ProductEntity> items = em.createQuery("SELECT p" + where + " ORDER BY p.name, p.id", ProductEntity.class);
            for (TypedQuery<?> q : List.of(count, items)) {
                visible.get().bind(q);
                if (needle != null) {
                    q.setParameter("needle", "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
            long total = count.getSingleResult();
            List<Product> page = items.setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(ProductServiceImpl::toProduct).toList();
            return new Page<>(page, total, from, size);
        });
    }

    @Override
    public Product addCollaborator(Actor actor, long productId, long accountId) {
        return db.write(em -> {
            ProductEntity p = writable(em, actor, productId);
            requireMember(em, p.organizationId, accountId, "accountId");
            if (p.collaboratorIds.add(accountId)) {
                em.lock(p, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
                AuditLog.append(em, actor, "product.collaboratorAdded", "product", p.id, "accountId", accountId);
            }
            return toProduct(p);
        });
    }

    @Override
    public Product removeCollaborator(Actor actor, long productId, long accountId) {
        return db.write(em -> {
            ProductEntity p = writable(em, actor, productId);
            if (p.collaboratorIds.remove(accountId)) {
                em.lock(p, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                em.flush();
                AuditLog.append(em, actor, "product.collaboratorRemoved", "product", p.id, "accountId", accountId);
            }
            return toProduct(p);
        });
    }

    /** The product if the actor may see it; "not found" otherwise. */
    public static ProductEntity readable(EntityManager em, Actor actor, long productId) {
        ProductEntity p = em.find(ProductEntity.class, productId);
        if (p == null || !AccessPolicy.canReadProduct(actor, p)) {
            throw new NotFoundException("product", productId);
        }
        return p;
    }

    /** The product if the actor may change it or apply with it. */
    public static ProductEntity writable(EntityManager em, Actor actor, long productId) {
        ProductEntity p = readable(em, actor, productId);
        if (!AccessPolicy.canWriteProduct(actor, p)) {
            throw new AccessDeniedException("access.denied");
        }
        return p;
    }

    private static void requireMember(EntityManager em, long organizationId, Long accountId, String field) {
        AccountEntity a = accountId == null ? null : em.find(AccountEntity.class, accountId);
        if (a == null || a.organizationId == null || a.organizationId != organizationId
                || !AccountStatus.ACTIVE.name().equals(a.status)) {
            throw ValidationException.of(field, "member.required");
        }
    }

    private static void fields(Checks checks, ProductDraft draft, ProductEntity p) {
        ProductDraft d = draft == null ? new ProductDraft(null, null, null, null, null, null, null) : draft;
        p.name = checks.required("name", d.name(), 200);
        p.softwareVersion = checks.required("softwareVersion", d.softwareVersion(), 100);
        p.nil = checks.optional("nil", d.nil(), 64);
        Long responsable = checks.required("responsableId", d.responsableId());
        p.responsableId = responsable == null ? 0 : responsable;
        p.description = checks.required("description", d.description(), 4000);
        p.certifications = checks.optional("certifications", d.certifications(), 2000);
        Set<SchemeInterest> interests = d.interests() == null || d.interests().isEmpty()
                ? EnumSet.of(SchemeInterest.NONE) : EnumSet.copyOf(d.interests());
        checks.check(!(interests.contains(SchemeInterest.NONE) && interests.size() > 1), "interests",
                "interests.noneWithOthers");
        p.interests = interests.stream().map(Enum::name).collect(Collectors.joining(","));
        p.searchText = normalize(String.join(" ", String.valueOf(p.name), String.valueOf(p.softwareVersion),
                p.nil == null ? "" : p.nil, String.valueOf(p.description)));
        if (p.searchText.length() > 8000) {
            p.searchText = p.searchText.substring(0, 8000);
        }
    }

    /** Lower case without accents: "Éditeur" and "editeur" match. */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }

    public static Product toProduct(ProductEntity p) {
        Set<SchemeInterest> interests = Arrays.stream(p.interests.split(",")).filter(s -> !s.isEmpty())
                .map(SchemeInterest::valueOf).collect(Collectors.toSet());
        return new Product(p.id, p.organizationId, p.name, p.softwareVersion, p.nil, p.responsableId, p.description,
                p.certifications, interests, p.collaboratorIds, p.version);
    }
}

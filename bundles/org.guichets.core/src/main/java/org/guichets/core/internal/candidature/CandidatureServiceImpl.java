package org.guichets.core.internal.candidature;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guichets.core.internal.Times;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.GuichetStatus;
import org.guichets.api.Page;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.guichets.core.internal.jpa.ProductNruEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Candidatures. */
@Component(service = CandidatureService.class)
public final class CandidatureServiceImpl implements CandidatureService {

    static final int MAX_PAGE = 200;

    private final Database db;
    private final DispositifRegistry registry;
    private final ReferentialStore referentials;
    private final CandidatureEvents events;
    private final Identifiers identifiers = new Identifiers();

    @Activate
    public CandidatureServiceImpl(@Reference Database db, @Reference DispositifRegistry registry,
            @Reference ReferentialStore referentials, @Reference CandidatureEvents events) {
        this.db = db;
        this.registry = registry;
        this.referentials = referentials;
        this.events = events;
    }

    @Override
    public Candidature create(Actor actor, long productId, String dispositifId, String guichetId) {
        Dispositif dispositif = registry.find(dispositifId).filter(Dispositif::isActive)
                .orElseThrow(() -> new NotFoundException("dispositif", dispositifId));
        Guichet guichet = dispositif.guichet(guichetId).orElseThrow(() -> new NotFoundException("guichet", guichetId));
        if (guichet.status() != GuichetStatus.OPEN) {
            throw new InvalidTransitionException("guichet.notOpen", guichet.name().toString());
        }
        List<org.guichets.api.candidature.CandidatureEvent> fired = new java.util.ArrayList<>();
        db.read(em -> ProductServiceImpl.writable(em, actor, productId));
        String pinned = referentials.pin(db, dispositif);
        Candidature created = db.write(em -> {
            ProductEntity product = ProductServiceImpl.writable(em, actor, productId);
            String nru = nruOf(em, productId, dispositifId).orElseGet(() -> {
                // a product's first candidatures in a scheme made at once queue on the product's row,
                // so that the first assigns the NRU and the others find it (not a unique key refusing them)
                em.createNativeQuery("SELECT id FROM product WHERE id = ?1 FOR UPDATE").setParameter(1, productId)
                        .getResultList();
                return nruOf(em, productId, dispositifId).orElseGet(() -> assignNru(em, actor, product, dispositifId));
            });
            CandidatureEntity c = new CandidatureEntity();
            c.number = uniqueNumber(em);
            c.organizationId = product.organizationId;
            c.productId = product.id;
            c.dispositifId = dispositif.id();
            c.guichetId = guichet.id();
            c.nru = nru;
            c.referentialVersion = pinned;
            c.createdAt = Times.now();
            c.createdBy = actor.accountId();
            c.formState = StepState.IN_PROGRESS.name();
            c.evidenceState = StepState.LOCKED.name();
            c.habilitationState = StepState.LOCKED.name();
            em.persist(c);
            em.flush();
            FormServiceImpl.open(em, c, guichet, actor);
            AuditLog.append(em, actor, "candidature.created", "candidature", c.number, "productId", c.productId,
                    "dispositif", c.dispositifId, "guichet", c.guichetId, "nru", c.nru,
                    "referentialVersion", c.referentialVersion);
            fired.add(CandidatureEvents.event(em, c, org.guichets.api.candidature.CandidatureEvent.Type.CREATED, actor, Map.of()));
            return toCandidature(c);
        });
        events.fire(fired);
        return created;
    }

    @Override
    public Candidature get(Actor actor, String number) {
        return db.read(em -> toCandidature(readable(em, actor, number)));
    }

    @Override
    public Page<Candidature> list(Actor actor, Long productId, int offset, int limit) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int from = Math.max(0, offset);
        return db.read(em -> {
            var visible = AccessPolicy.visibleProducts(actor, "c.organizationId", "c.productId");
            if (visible.isEmpty()) {
                return new Page<>(List.of(), 0, from, size);
            }
            StringBuilder where = new StringBuilder(" FROM CandidatureEntity c WHERE 1 = 1").append(visible.get().clause());
            if (productId != null) {
                where.append(" AND c.productId = :product");
            }
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(c)" + where, Long.class);
            TypedQuery<CandidatureEntity> items = em.createQuery(
                    "SELECT c" + where + " ORDER BY c.createdAt DESC, c.id DESC", CandidatureEntity.class);
            for (TypedQuery<?> q : List.of(count, items)) {
                visible.get().bind(q);
                if (productId != null) {
                    q.setParameter("product", productId);
                }
            }
            long total = count.getSingleResult();
            return new Page<>(items.setFirstResult(from).setMaxResults(size).getResultList().stream()
                    .map(CandidatureServiceImpl::toCandidature).toList(), total, from, size);
        });
    }

    @Override
    public org.guichets.api.Guichet guichet(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = readable(em, actor, number);
            return referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
        });
    }

    @Override
    public Optional<String> nru(Actor actor, long productId, String dispositifId) {
        return db.read(em -> {
            ProductServiceImpl.readable(em, actor, productId);
            return nruOf(em, productId, dispositifId);
        });
    }

    /** The candidature if the actor may see it: agency staff, or whoever may see its product. */
    public static CandidatureEntity readable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = number == null ? null
                : em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.number = :n", CandidatureEntity.class)
                        .setParameter("n", number).getResultStream().findFirst().orElse(null);
        if (c == null) {
            throw new NotFoundException("candidature", number);
        }
        if (!actor.isStaff()) {
            ProductEntity p = em.find(ProductEntity.class, c.productId);
            if (p == null || !AccessPolicy.canReadProduct(actor, p)) {
                throw new NotFoundException("candidature", number);
            }
        }
        return c;
    }

    private static Optional<String> nruOf(EntityManager em, long productId, String dispositifId) {
        return em.createQuery("SELECT n.nru FROM ProductNruEntity n WHERE n.productId = :p AND n.dispositifId = :d",
                        String.class)
                .setParameter("p", productId).setParameter("d", dispositifId).getResultStream().findFirst();
    }

    private String assignNru(EntityManager em, Actor actor, ProductEntity product, String dispositifId) {
        String nru;
        do {
            nru = identifiers.nru();
        } while (!em.createQuery("SELECT n.id FROM ProductNruEntity n WHERE n.dispositifId = :d AND n.nru = :nru")
                .setParameter("d", dispositifId).setParameter("nru", nru).getResultList().isEmpty());
        ProductNruEntity n = new ProductNruEntity();
        n.productId = product.id;
        n.dispositifId = dispositifId;
        n.nru = nru;
        n.assignedAt = Times.now();
        em.persist(n);
        AuditLog.append(em, actor, "product.nruAssigned", "product", product.id, "dispositif", dispositifId, "nru", nru);
        return nru;
    }

    private String uniqueNumber(EntityManager em) {
        String number;
        do {
            number = identifiers.candidatureNumber();
        } while (!em.createQuery("SELECT c.id FROM CandidatureEntity c WHERE c.number = :n")
                .setParameter("n", number).getResultList().isEmpty());
        return number;
    }

    static Candidature toCandidature(CandidatureEntity c) {
        Map<Step, StepState> steps = new EnumMap<>(Step.class);
        steps.put(Step.FORM, StepState.valueOf(c.formState));
        steps.put(Step.EVIDENCE, StepState.valueOf(c.evidenceState));
        steps.put(Step.HABILITATION, StepState.valueOf(c.habilitationState));
        return new Candidature(c.id, c.number, c.organizationId, c.productId, c.dispositifId, c.guichetId, c.nru,
                ReferentialStore.declaredVersion(c.referentialVersion), c.createdAt.toInstant(), c.createdBy, steps, c.version);
    }
}

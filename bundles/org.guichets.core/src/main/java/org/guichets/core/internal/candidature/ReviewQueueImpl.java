package org.guichets.core.internal.candidature;

import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichets.api.Page;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueItem;
import org.guichets.api.candidature.Step;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ReviewQueueEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The agency's work queue, from the candidatures' review columns. */
@Component(service = org.guichets.api.candidature.ReviewQueue.class)
public final class ReviewQueueImpl implements org.guichets.api.candidature.ReviewQueue {

    static final int MAX_PAGE = 200;
    private final Database db;

    @Activate
    public ReviewQueueImpl(@Reference Database db) {
        this.db = db;
    }

    /** Records that {@code step} waits for the agency, unless something waits already (the older wait counts). */
    static void waiting(EntityManager em, CandidatureEntity c, Step step) {
        if (em.find(ReviewQueueEntity.class, c.id) == null) {
            waiting(em, c, step, Times.now());
        }
    }

    /** Records what waits and since when, or, with a null step, that nothing does. */
    static void waiting(EntityManager em, CandidatureEntity c, Step step, OffsetDateTime since) {
        ReviewQueueEntity row = em.find(ReviewQueueEntity.class, c.id);
        if (step == null) {
            if (row != null) {
                em.remove(row);
            }
            return;
        }
        if (row == null) {
            row = new ReviewQueueEntity();
            row.candidatureId = c.id;
            row.dispositifId = c.dispositifId;
            row.guichetId = c.guichetId;
            row.step = step.name();
            row.since = since;
            em.persist(row);
        } else {
            row.step = step.name();
            row.since = since;
        }
    }

    @Override
    public Page<QueueItem> queue(Actor actor, QueueFilter filter, int offset, int limit) {
        boolean reviewer = actor.has(PlatformRole.REVIEWER);
        boolean committee = actor.has(PlatformRole.COMMITTEE);
        if (!reviewer && !committee) {
            throw new AccessDeniedException("access.denied");
        }
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        Set<String> steps = new java.util.HashSet<>();
        if (reviewer) {
            steps.add(Step.FORM.name());
            steps.add(Step.EVIDENCE.name());
        }
        if (committee) {
            steps.add(Step.HABILITATION.name());
        }
        if (f.step() != null) {
            steps.retainAll(Set.of(f.step().name()));
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int from = Math.max(0, offset);
        if (steps.isEmpty()) {
            return new Page<>(List.of(), 0, from, size);
        }
        // Native SQL with the step names (an enum) and the page bounds (ints) written in: with
        // them bound, H2 sorted every waiting row before cutting the page (docs/benchmarks.md).
        StringBuilder where = new StringBuilder(" FROM review_queue WHERE review_step IN (")
                .append(steps.stream().sorted().map(st -> "'" + Step.valueOf(st).name() + "'")
                        .collect(java.util.stream.Collectors.joining(", "))).append(")");
        List<Object> params = new ArrayList<>();
        if (f.dispositifId() != null) {
            params.add(f.dispositifId());
            where.append(" AND dispositif_id = ?").append(params.size());
        }
        if (f.guichetId() != null) {
            params.add(f.guichetId());
            where.append(" AND guichet_id = ?").append(params.size());
        }
        if (f.minWaiting() != null) {
            params.add(Times.now().minus(f.minWaiting()));
            where.append(" AND waiting_since <= ?").append(params.size());
        }
        String direction = f.oldestFirst() ? "ASC" : "DESC";
        String pageSql = "SELECT candidature_id" + where + " ORDER BY waiting_since " + direction + ", candidature_id "
                + direction + " LIMIT " + size + " OFFSET " + from;
        return db.read(em -> {
            jakarta.persistence.Query count = em.createNativeQuery("SELECT COUNT(*)" + where);
            jakarta.persistence.Query ids = em.createNativeQuery(pageSql);
            for (int i = 0; i < params.size(); i++) {
                count.setParameter(i + 1, params.get(i));
                ids.setParameter(i + 1, params.get(i));
            }
            long total = ((Number) count.getSingleResult()).longValue();
            List<Long> pageIds = ((List<?>) ids.getResultList()).stream().map(o -> ((Number) o).longValue()).toList();
            Map<Long, ReviewQueueEntity> rows = new HashMap<>();
            if (!pageIds.isEmpty()) {
                em.createQuery("SELECT q FROM ReviewQueueEntity q WHERE q.candidatureId IN :ids", ReviewQueueEntity.class)
                        .setParameter("ids", pageIds).getResultList().forEach(q -> rows.put(q.candidatureId, q));
            }
            List<ReviewQueueEntity> page = pageIds.stream().map(rows::get).toList();
            Map<Long, CandidatureEntity> candidatures = new HashMap<>();
            if (!page.isEmpty()) {
                em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.id IN :ids", CandidatureEntity.class)
                        .setParameter("ids", page.stream().map(q -> q.candidatureId).toList()).getResultList()
                        .forEach(c -> candidatures.put(c.id, c));
            }
            Map<Long, String> orgs = names(em, "SELECT o.id, o.legalName FROM OrganizationEntity o WHERE o.id IN :ids",
                    candidatures.values().stream().map(c -> c.organizationId).toList());
            Map<Long, String> products = names(em, "SELECT p.id, p.name FROM ProductEntity p WHERE p.id IN :ids",
                    candidatures.values().stream().map(c -> c.productId).toList());
            List<QueueItem> out = new ArrayList<>();
            for (ReviewQueueEntity q : page) {
                CandidatureEntity c = candidatures.get(q.candidatureId);
                out.add(new QueueItem(c.number, q.dispositifId, q.guichetId, orgs.get(c.organizationId), products.get(c.productId),
                        Step.valueOf(q.step), q.since.toInstant()));
            }
            return new Page<>(out, total, from, size);
        });
    }

    private static Map<Long, String> names(EntityManager em, String jpql, List<Long> ids) {
        Map<Long, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        for (Object[] row : em.createQuery(jpql, Object[].class).setParameter("ids", Set.copyOf(ids)).getResultList()) {
            out.put((Long) row[0], (String) row[1]);
        }
        return out;
    }
}

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
import org.guichets.api.candidature.QueueStatus;
import org.guichets.api.candidature.Step;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.identity.IdentityServiceImpl;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ReviewQueueEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The agency's work queue: whose turn, who holds it, since when; claims and assignments audited. */
@Component(service = org.guichets.api.candidature.ReviewQueue.class)
public final class ReviewQueueImpl implements org.guichets.api.candidature.ReviewQueue {

    static final int MAX_PAGE = 200;
    /** Up to this many rows, a view is sorted once found rather than read in order from the sort index (H2). */
    public static final int SORT_IN_MEMORY = 2000;
    /** How finely the candidate's last activity is kept: the silence it measures is counted in days. */
    static final java.time.Duration ACTIVITY_GRAIN = java.time.Duration.ofMinutes(1);
    private final Database db;

    @Activate
    public ReviewQueueImpl(@Reference Database db) {
        this.db = db;
    }

    /**
     * Records that {@code step} waits for the agency. When it was the agency's turn already, the
     * older wait counts; when it was the candidate's, the wait starts now.
     */
    static void waiting(EntityManager em, CandidatureEntity c, Step step) {
        ReviewQueueEntity row = em.find(ReviewQueueEntity.class, c.id);
        if (row == null || row.withCandidate) {
            turn(em, c, step, Times.now(), false);
        }
    }

    /** Records that {@code step} waits for the agency since {@code since}. */
    static void waiting(EntityManager em, CandidatureEntity c, Step step, OffsetDateTime since) {
        turn(em, c, step, since, false);
    }

    /** Records that the candidate's move is awaited at {@code step}, from now. */
    static void withCandidate(EntityManager em, CandidatureEntity c, Step step) {
        turn(em, c, step, Times.now(), true);
    }

    /** The candidature leaves the queue: instruction is over. */
    static void done(EntityManager em, CandidatureEntity c) {
        ReviewQueueEntity row = em.find(ReviewQueueEntity.class, c.id);
        if (row != null) {
            em.remove(row);
        }
    }

    /**
     * The candidate acted on candidature {@code candidatureId}: it is no longer silent (if queued; no row
     * read). The time is kept to the minute: a burst of actions (a chapter's files) moves it once, and
     * the activity index is not rewritten for each. A native statement: EclipseLink sends a JPQL bulk
     * update as a plain statement, which the database parses afresh each time.
     */
    static void candidateActed(EntityManager em, long candidatureId) {
        OffsetDateTime now = Times.now();
        em.createNativeQuery("UPDATE review_queue SET candidate_active_at = ?1 WHERE candidature_id = ?2"
                + " AND candidate_active_at < ?3")
                .setParameter(1, now).setParameter(2, candidatureId).setParameter(3, now.minus(ACTIVITY_GRAIN))
                .executeUpdate();
    }

    private static void turn(EntityManager em, CandidatureEntity c, Step step, OffsetDateTime since, boolean withCandidate) {
        ReviewQueueEntity row = em.find(ReviewQueueEntity.class, c.id);
        if (row == null) {
            row = new ReviewQueueEntity();
            row.candidatureId = c.id;
            row.dispositifId = c.dispositifId;
            row.guichetId = c.guichetId;
            row.candidateActiveAt = Times.now();
            em.persist(row);
        }
        if (step == Step.HABILITATION && !Step.HABILITATION.name().equals(row.step)) {
            row.assigneeId = null; // the committee takes it from here
        }
        row.step = step.name();
        row.since = since;
        row.withCandidate = withCandidate;
    }

    @Override
    public Page<QueueItem> queue(Actor actor, QueueFilter filter, int offset, int limit) {
        if (stepsFor(actor.platformRoles()).isEmpty()) {
            throw new AccessDeniedException("access.denied");
        }
        return db.read(em -> {
            // the roles the account holds now, not those of the sign-in
            Set<String> steps = stepsFor(AccessPolicy.rolesNow(em, actor));
            if (steps.isEmpty()) {
                throw new AccessDeniedException("access.denied");
            }
            return page(em, actor, steps, filter, offset, limit, db.isH2());
        });
    }

    private static Page<QueueItem> page(EntityManager em, Actor actor, Set<String> steps, QueueFilter filter, int offset,
            int limit, boolean h2) {
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        if (f.step() != null) {
            steps.retainAll(Set.of(f.step().name()));
        }
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        int from = Math.max(0, offset);
        if (steps.isEmpty()) {
            return new Page<>(List.of(), 0, from, size);
        }
        // Native SQL with the enums, the actor's id and the page bounds written in (never user
        // text): with them bound, H2 sorted every waiting row before cutting the page
        // (docs/benchmarks.md). The turn leads, as in the indexes a count reads (V12).
        StringBuilder where = new StringBuilder(" WHERE with_candidate = ")
                .append(f.statusOrDefault() == QueueStatus.CANDIDATE ? "TRUE" : "FALSE").append(stepCondition(steps));
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
        QueueFilter.Assignment assignment = f.assignment() == null ? QueueFilter.Assignment.ANY : f.assignment();
        if (assignment == QueueFilter.Assignment.MINE) {
            where.append(" AND assignee_id = ").append(actor.accountId());
        } else if (assignment == QueueFilter.Assignment.UNASSIGNED) {
            where.append(" AND assignee_id IS NULL");
        }
        boolean silence = f.sort() == QueueFilter.Sort.CANDIDATE_SILENCE;
        String key = silence ? "candidate_active_at" : "waiting_since";
        String direction = f.oldestFirst() ? "ASC" : "DESC";
        // the count first (each view's columns are all in one index, V12): it tells how to read the page
        jakarta.persistence.Query count = em.createNativeQuery("SELECT COUNT(*) FROM review_queue" + where);
        bind(count, params);
        long total = ((Number) count.getSingleResult()).longValue();
        if (from >= total) {
            return new Page<>(List.of(), total, from, size);
        }
        // H2 plans by estimated rows, not by the page: told to, it walks the index of the sort key and
        // stops after the page. Not when the view is small (a reviewer's own rows, a rare scheme):
        // then the walk would pass over most of the queue, and sorting the few rows found through
        // the filter's index is cheaper (docs/benchmarks.md §3). PostgreSQL has no such hint.
        String pageFrom = " FROM review_queue";
        if (h2 && total > SORT_IN_MEMORY) {
            pageFrom += " USE INDEX (" + (silence ? "review_queue_activity" : "review_queue_order") + ")";
        }
        jakarta.persistence.Query ids = em.createNativeQuery("SELECT candidature_id" + pageFrom + where + " ORDER BY " + key
                + " " + direction + ", candidature_id " + direction + " LIMIT " + size + " OFFSET " + from);
        bind(ids, params);
        List<Long> pageIds = ((List<?>) ids.getResultList()).stream().map(o -> ((Number) o).longValue()).toList();
        return new Page<>(items(em, pageIds), total, from, size);
    }

    private static void bind(jakarta.persistence.Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
    }

    @Override
    public QueueItem claim(Actor actor, String number) {
        return db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            ReviewQueueEntity row = instructed(em, actor, c);
            if (row.assigneeId != null && row.assigneeId == actor.accountId()) {
                return items(em, List.of(c.id)).get(0);
            }
            // one statement, so that of two colleagues claiming at once one gets it and the other is told
            int taken = em.createNativeQuery("UPDATE review_queue SET assignee_id = ?1 WHERE candidature_id = ?2"
                    + " AND assignee_id IS NULL").setParameter(1, actor.accountId()).setParameter(2, c.id).executeUpdate();
            if (taken == 0) {
                throw new InvalidTransitionException("queue.claimed", c.number, holder(em, currentHolder(em, c)));
            }
            em.refresh(row); // the update went past the persistence context
            AuditLog.append(em, actor, "queue.claimed", "candidature", c.number, "step", row.step);
            return items(em, List.of(c.id)).get(0);
        });
    }

    @Override
    public QueueItem assign(Actor actor, String number, Long assigneeId) {
        return db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            ReviewQueueEntity row = instructed(em, actor, c);
            if (assigneeId != null) {
                AccountEntity a = em.find(AccountEntity.class, assigneeId);
                if (a == null || !eligible(a, Step.valueOf(row.step))) {
                    throw ValidationException.of("assignee", "queue.assigneeNotAllowed",
                            a == null ? String.valueOf(assigneeId) : a.displayName);
                }
            }
            Long before = row.assigneeId;
            // conditional on the holder read, so that a colleague's claim in between is not overwritten unseen
            // account ids (longs) written in: a bound null has no type PostgreSQL accepts for a BIGINT
            int changed = em.createNativeQuery("UPDATE review_queue SET assignee_id = "
                            + (assigneeId == null ? "NULL" : Long.toString(assigneeId)) + " WHERE candidature_id = ?1 AND "
                            + (before == null ? "assignee_id IS NULL" : "assignee_id = " + before.longValue()))
                    .setParameter(1, c.id).executeUpdate();
            if (changed == 0) {
                throw new InvalidTransitionException("queue.claimed", c.number, holder(em, currentHolder(em, c)));
            }
            em.refresh(row); // the update went past the persistence context
            AuditLog.append(em, actor, assigneeId == null ? "queue.released" : "queue.assigned", "candidature", c.number,
                    "step", row.step, "from", before, "to", assigneeId);
            return items(em, List.of(c.id)).get(0);
        });
    }

    @Override
    public List<Colleague> colleagues(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            ReviewQueueEntity row = instructed(em, actor, c);
            Step step = Step.valueOf(row.step);
            return em.createQuery("SELECT a FROM AccountEntity a WHERE a.organizationId IS NULL AND a.status = :s"
                            + " ORDER BY a.displayName", AccountEntity.class)
                    .setParameter("s", org.guichets.api.identity.AccountStatus.ACTIVE.name()).getResultList().stream()
                    .filter(a -> eligible(a, step)).map(a -> new Colleague(a.id, a.displayName)).toList();
        });
    }

    /**
     * The steps as SQL: none when every step is asked, an inequality when all but one are (a
     * reviewer's FORM and EVIDENCE), so that H2 picks the index of the other conditions (the
     * holder, the scheme, the silence) instead of scanning the step's; an IN list otherwise.
     */
    static String stepCondition(Set<String> steps) {
        if (steps.size() == Step.values().length) {
            return "";
        }
        List<String> others = java.util.Arrays.stream(Step.values()).map(Step::name).filter(st -> !steps.contains(st)).toList();
        if (others.size() == 1) {
            return " AND review_step <> '" + others.get(0) + "'";
        }
        return " AND review_step IN (" + steps.stream().sorted().map(st -> "'" + Step.valueOf(st).name() + "'")
                .collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    /** The queue row of a candidature the actor may instruct at its current step. */
    private static ReviewQueueEntity instructed(EntityManager em, Actor actor, CandidatureEntity c) {
        ReviewQueueEntity row = em.find(ReviewQueueEntity.class, c.id);
        if (row == null) {
            throw new InvalidTransitionException("queue.notInstructed", c.number);
        }
        AccessPolicy.requireRoleNow(em, actor, roleFor(Step.valueOf(row.step)));
        return row;
    }

    private static PlatformRole roleFor(Step step) {
        return step == Step.HABILITATION ? PlatformRole.COMMITTEE : PlatformRole.REVIEWER;
    }

    private static boolean eligible(AccountEntity a, Step step) {
        return a.organizationId == null && org.guichets.api.identity.AccountStatus.ACTIVE.name().equals(a.status)
                && IdentityServiceImpl.toAccount(a).platformRoles().contains(roleFor(step));
    }

    /** Who holds the candidature now, read past the persistence context; null when nobody does. */
    private static Long currentHolder(EntityManager em, CandidatureEntity c) {
        List<?> found = em.createNativeQuery("SELECT assignee_id FROM review_queue WHERE candidature_id = ?1")
                .setParameter(1, c.id).getResultList();
        if (found.isEmpty()) {
            throw new InvalidTransitionException("queue.notInstructed", c.number);
        }
        return found.get(0) == null ? null : ((Number) found.get(0)).longValue();
    }

    private static String holder(EntityManager em, Long accountId) {
        AccountEntity a = accountId == null ? null : em.find(AccountEntity.class, accountId);
        return a == null ? "?" : a.displayName;
    }

    private static Set<String> stepsFor(Set<PlatformRole> roles) {
        Set<String> steps = new java.util.HashSet<>();
        if (roles.contains(PlatformRole.REVIEWER)) {
            steps.add(Step.FORM.name());
            steps.add(Step.EVIDENCE.name());
        }
        if (roles.contains(PlatformRole.COMMITTEE)) {
            steps.add(Step.HABILITATION.name());
        }
        return steps;
    }

    /** The queue items of candidatures {@code ids}, in that order. */
    private static List<QueueItem> items(EntityManager em, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, ReviewQueueEntity> rows = new HashMap<>();
        em.createQuery("SELECT q FROM ReviewQueueEntity q WHERE q.candidatureId IN :ids", ReviewQueueEntity.class)
                .setParameter("ids", ids).getResultList().forEach(q -> rows.put(q.candidatureId, q));
        Map<Long, CandidatureEntity> candidatures = new HashMap<>();
        em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.id IN :ids", CandidatureEntity.class)
                .setParameter("ids", ids).getResultList().forEach(c -> candidatures.put(c.id, c));
        Map<Long, String> orgs = names(em, "SELECT o.id, o.legalName FROM OrganizationEntity o WHERE o.id IN :ids",
                candidatures.values().stream().map(c -> c.organizationId).toList());
        Map<Long, String> products = names(em, "SELECT p.id, p.name FROM ProductEntity p WHERE p.id IN :ids",
                candidatures.values().stream().map(c -> c.productId).toList());
        Map<Long, String> assignees = names(em, "SELECT a.id, a.displayName FROM AccountEntity a WHERE a.id IN :ids",
                rows.values().stream().map(q -> q.assigneeId).filter(java.util.Objects::nonNull).toList());
        List<QueueItem> out = new ArrayList<>();
        for (Long id : ids) {
            ReviewQueueEntity q = rows.get(id);
            CandidatureEntity c = candidatures.get(id);
            if (q == null || c == null) {
                continue; // left the queue between the two reads
            }
            out.add(new QueueItem(c.number, q.dispositifId, q.guichetId, orgs.get(c.organizationId), products.get(c.productId),
                    Step.valueOf(q.step), q.since.toInstant(), q.withCandidate ? QueueStatus.CANDIDATE : QueueStatus.AGENCY,
                    q.assigneeId, q.assigneeId == null ? null : assignees.get(q.assigneeId), q.candidateActiveAt.toInstant()));
        }
        return out;
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

package org.guichets.core.internal.audit;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.DeliverableEntity;
import org.guichets.core.internal.jpa.AuditEntryEntity;
import org.guichets.core.internal.jpa.AuditHeadEntity;
import org.guichets.core.internal.candidature.CandidatureServiceImpl;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reads and verifies the audit trail; Gogo command {@code guichets:auditverify}. */
@Component(service = {AuditTrail.class, AuditTrailImpl.class},
        property = {"osgi.command.scope=guichets", "osgi.command.function=auditverify"})
public final class AuditTrailImpl implements AuditTrail {

    private static final int BATCH = 1000;
    private final Database db;

    @Activate
    public AuditTrailImpl(@Reference Database db) {
        this.db = db;
    }

    @Override
    public void record(Actor actor, String action, String subjectType, String subjectId, java.util.Map<String, ?> details) {
        java.util.Objects.requireNonNull(actor, "actor");
        Object[] pairs = new Object[details == null ? 0 : details.size() * 2];
        int i = 0;
        for (java.util.Map.Entry<String, ?> e : (details == null ? java.util.Map.<String, Object>of() : details).entrySet()) {
            pairs[i++] = e.getKey();
            pairs[i++] = e.getValue();
        }
        db.write(em -> {
            AuditLog.append(em, actor, action, subjectType, subjectId, pairs);
            return null;
        });
    }

    @Override
    public List<AuditEntry> history(Actor actor, String subjectType, String subjectId) {
        return db.read(em -> {
            if (!actor.isStaff() && !actor.isSystem() && !visible(em, actor, subjectType, subjectId)) {
                throw new NotFoundException(subjectType, subjectId);
            }
            return em.createQuery("SELECT e FROM AuditEntryEntity e WHERE e.subjectType = :t AND e.subjectId = :i ORDER BY e.seq",
                            AuditEntryEntity.class)
                    .setParameter("t", subjectType).setParameter("i", subjectId).getResultList().stream()
                    .map(AuditTrailImpl::toEntry).toList();
        });
    }

    /** A candidate sees the history of what it may see: its company, its colleagues, its products and their candidatures. */
    private static boolean visible(EntityManager em, Actor actor, String type, String id) {
        try {
            return switch (type) {
                case "organization" -> actor.belongsTo(Long.parseLong(id));
                case "account" -> {
                    AccountEntity a = em.find(AccountEntity.class, Long.valueOf(id));
                    yield a != null && a.organizationId != null && actor.belongsTo(a.organizationId);
                }
                case "product" -> {
                    ProductServiceImpl.readable(em, actor, Long.parseLong(id));
                    yield true;
                }
                case "candidature" -> {
                    CandidatureServiceImpl.readable(em, actor, id);
                    yield true;
                }
                case "deliverable" -> {
                    DeliverableEntity d = em.find(DeliverableEntity.class, id);
                    yield d != null && CandidatureServiceImpl.readable(em, actor, d.candidatureNumber) != null;
                }
                default -> false;
            };
        } catch (NumberFormatException | NotFoundException e) {
            return false;
        }
    }

    @Override
    public AuditVerification verify(Actor actor) {
        if (!AccessPolicy.canVerifyAudit(actor)) {
            throw new AccessDeniedException("access.denied");
        }
        return db.read(em -> {
            // the head first: the chain is verified up to it; entries appended while it runs (each
            // committed with the head it moves) are left to the next verification, not taken for a
            // break (reads are read-committed, not one snapshot)
            AuditHeadEntity head = em.find(AuditHeadEntity.class, 1);
            long headSeq = head.lastSeq;
            String headHash = head.lastHash;
            em.clear();
            String previous = "0".repeat(64);
            long expectedSeq = 1;
            long checked = 0;
            while (true) {
                List<AuditEntryEntity> batch = em.createQuery("SELECT e FROM AuditEntryEntity e WHERE e.seq >= :from"
                                + " AND e.seq <= :last ORDER BY e.seq", AuditEntryEntity.class)
                        .setParameter("from", expectedSeq).setParameter("last", headSeq).setMaxResults(BATCH).getResultList();
                for (AuditEntryEntity e : batch) {
                    if (e.seq != expectedSeq) {
                        return new AuditVerification(false, checked, expectedSeq, "entry " + expectedSeq + " is missing");
                    }
                    if (!e.previousHash.equals(previous)) {
                        return new AuditVerification(false, checked, e.seq, "entry " + e.seq + " does not follow entry "
                                + (e.seq - 1) + " (the chain was cut or an entry replaced)");
                    }
                    if (!AuditLog.hash(e).equals(e.hash)) {
                        return new AuditVerification(false, checked, e.seq, "entry " + e.seq + " was altered: its content no longer matches its hash");
                    }
                    previous = e.hash;
                    expectedSeq++;
                    checked++;
                }
                em.clear();
                if (batch.size() < BATCH) {
                    break;
                }
            }
            if (headSeq != checked || !headHash.strip().equals(previous)) {
                return new AuditVerification(false, checked, checked + 1, "the trail ends at entry " + checked
                        + " but its head records entry " + headSeq + ": entries were removed from the end");
            }
            return new AuditVerification(true, checked, 0, null);
        });
    }

    /** Gogo: {@code guichets:auditverify}. */
    public String auditverify() {
        AuditVerification v = verify(Actor.system());
        return v.intact() ? "audit trail intact: " + v.entries() + " entries verified"
                : "AUDIT TRAIL BROKEN at entry " + v.firstBrokenSequence() + ": " + v.problem();
    }

    static AuditEntry toEntry(AuditEntryEntity e) {
        return new AuditEntry(e.seq, e.occurredAt.toInstant(), e.actorId, e.actorName, e.action, e.subjectType,
                e.subjectId, e.details, e.hash);
    }
}

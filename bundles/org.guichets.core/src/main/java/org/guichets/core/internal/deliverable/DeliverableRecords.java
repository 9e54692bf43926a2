package org.guichets.core.internal.deliverable;

import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.Locale;
import org.guichets.api.Deliverable;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.DeliverableEntity;

/**
 * Records a deliverable as due inside the transaction that triggers it (a chapter validated, a
 * favourable decision), so that a crash between that commit and the signature loses nothing: the
 * pending record is signed by the next pass.
 */
public final class DeliverableRecords {

    /** Crockford's base 32: no I, L, O or U, so that an identifier read aloud or typed is not mistaken. */
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeliverableRecords() {}

    /**
     * Records {@code declared} as due for candidature {@code c}, unless it already has one that is
     * not revoked.
     *
     * @return the deliverable's identifier
     */
    public static String due(EntityManager em, CandidatureEntity c, Deliverable declared) {
        for (DeliverableEntity existing : em.createQuery("SELECT d FROM DeliverableEntity d WHERE d.candidatureId = :c"
                + " AND d.declarationId = :decl AND d.status <> :revoked", DeliverableEntity.class).setParameter("c", c.id)
                .setParameter("decl", declared.id()).setParameter("revoked", DeliverableStatus.REVOKED.name()).getResultList()) {
            return existing.id;
        }
        DeliverableEntity d = new DeliverableEntity();
        do {
            d.id = newId(declared.kind());
        } while (em.find(DeliverableEntity.class, d.id) != null);
        d.candidatureId = c.id;
        d.candidatureNumber = c.number;
        d.organizationId = c.organizationId;
        d.dispositifId = c.dispositifId;
        d.guichetId = c.guichetId;
        d.declarationId = declared.id();
        d.documentKind = declared.kind();
        d.validity = declared.validity().toString();
        d.status = DeliverableStatus.PENDING.name();
        d.dueAt = Times.now();
        em.persist(d);
        return d.id;
    }

    /**
     * A public identifier: three letters of the kind, then 12 random characters of Crockford's base
     * 32 (60 bits) in groups of four, e.g. {@code HAB-7K2M-QX9P-3RTD}: short enough to type from
     * paper, too many to enumerate.
     */
    static String newId(String kind) {
        String letters = kind.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        StringBuilder id = new StringBuilder((letters + "DOC").substring(0, 3));
        for (int i = 0; i < 12; i++) {
            if (i % 4 == 0) {
                id.append('-');
            }
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    /** Whether {@code id} has the shape of an identifier (checked before any lookup). */
    public static boolean wellFormed(String id) {
        return id != null && id.matches("[A-Z]{3}(-[0-9A-HJKMNP-TV-Z]{4}){3}");
    }
}

package org.guichets.core.internal.candidature;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.Conversation;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.Message;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.MessageEntity;
import org.guichets.core.internal.jpa.MessageReadEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The conversation of each candidature (R-12's link, messagerie). */
@Component(service = ConversationService.class)
public final class ConversationServiceImpl implements ConversationService {

    static final int MAX_BODY = 10_000;

    private final Database db;
    private final CandidatureEvents events;

    @Activate
    public ConversationServiceImpl(@Reference Database db, @Reference CandidatureEvents events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public Message post(Actor actor, String number, String body) {
        if (actor.isSystem()) {
            throw new AccessDeniedException("access.denied");
        }
        Checks checks = new Checks();
        String text = checks.required("body", body, MAX_BODY);
        checks.done();
        List<CandidatureEvent> fired = new ArrayList<>();
        Message result = db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            MessageEntity m = new MessageEntity();
            m.candidatureId = c.id;
            m.authorId = actor.accountId();
            m.authorName = actor.displayName();
            m.fromAgency = actor.isStaff();
            m.body = text;
            m.postedAt = Times.now();
            em.persist(m);
            em.flush();
            markRead(em, c.id, actor.accountId(), m.id);
            if (!m.fromAgency) {
                ReviewQueueImpl.candidateActed(em, c.id);
            }
            AuditLog.append(em, actor, "message.posted", "candidature", c.number, "messageId", m.id, "fromAgency", m.fromAgency);
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.MESSAGE_POSTED, actor,
                    Map.of("messageId", String.valueOf(m.id), "fromAgency", String.valueOf(m.fromAgency))));
            return toMessage(m);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public Conversation read(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            List<MessageEntity> messages = em.createQuery(
                    "SELECT m FROM MessageEntity m WHERE m.candidatureId = :c ORDER BY m.id", MessageEntity.class)
                    .setParameter("c", c.id).getResultList();
            long lastRead = lastRead(em, c.id, actor.accountId());
            int unread = (int) messages.stream().filter(m -> m.id > lastRead && m.fromAgency != actor.isStaff()).count();
            return new Conversation(c.number, messages.stream().map(ConversationServiceImpl::toMessage).toList(), unread);
        });
    }

    @Override
    public void markRead(Actor actor, String number) {
        db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            Long last = em.createQuery("SELECT MAX(m.id) FROM MessageEntity m WHERE m.candidatureId = :c", Long.class)
                    .setParameter("c", c.id).getSingleResult();
            if (last != null) {
                markRead(em, c.id, actor.accountId(), last);
            }
            return null;
        });
    }

    @Override
    public int unreadCount(Actor actor) {
        return db.read(em -> {
            var visible = AccessPolicy.visibleProducts(actor, "c.organizationId", "c.productId");
            if (visible.isEmpty()) {
                return 0;
            }
            var q = em.createQuery("SELECT COUNT(m) FROM MessageEntity m, CandidatureEntity c"
                    + " WHERE m.candidatureId = c.id AND m.fromAgency = :other"
                    + " AND m.id > COALESCE((SELECT r.lastReadId FROM MessageReadEntity r WHERE r.candidatureId = c.id"
                    + " AND r.accountId = :me), 0)" + visible.get().clause(), Long.class)
                    .setParameter("other", !actor.isStaff()).setParameter("me", actor.accountId());
            visible.get().bind(q);
            return q.getSingleResult().intValue();
        });
    }

    private static long lastRead(EntityManager em, long candidatureId, long accountId) {
        MessageReadEntity r = em.find(MessageReadEntity.class, new MessageReadEntity.Key(candidatureId, accountId));
        return r == null ? 0 : r.lastReadId;
    }

    private static void markRead(EntityManager em, long candidatureId, long accountId, long messageId) {
        MessageReadEntity r = em.find(MessageReadEntity.class, new MessageReadEntity.Key(candidatureId, accountId));
        if (r == null) {
            r = new MessageReadEntity();
            r.candidatureId = candidatureId;
            r.accountId = accountId;
            r.lastReadId = messageId;
            em.persist(r);
        } else if (r.lastReadId < messageId) {
            r.lastReadId = messageId;
        }
    }

    private static Message toMessage(MessageEntity m) {
        return new Message(m.id, m.authorId, m.authorName, m.fromAgency, m.body, m.postedAt.toInstant());
    }
}

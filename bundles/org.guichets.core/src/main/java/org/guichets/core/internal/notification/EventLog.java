package org.guichets.core.internal.notification;

import jakarta.persistence.EntityManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.deliverable.DeliverableEvent;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.jpa.NotificationEventEntity;

/**
 * Writes the events someone is to be told of into {@code notification_event}, inside the
 * transaction that caused them: if it commits, they will be told (webhooks, mails); if it rolls
 * back, they never happened. The {@link Notifier} consumes them.
 */
public final class EventLog {

    static final String CANDIDATURE = "candidature";
    static final String DELIVERABLE = "deliverable";

    private EventLog() {}

    /** Records a candidature event, unless nobody is ever told of its type. */
    public static void candidature(EntityManager em, CandidatureEvent event) {
        if (event.type() == CandidatureEvent.Type.CREATED || event.type() == CandidatureEvent.Type.DELIVERABLE_DUE) {
            return;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("actorId", event.actorId());
        payload.put("details", event.details());
        write(em, CANDIDATURE, event.type().name(), event.candidatureNumber(), payload);
    }

    /** Records a deliverable event ({@code daysLeft} for an expiry reminder, else 0). */
    public static void deliverable(EntityManager em, DeliverableEvent.Type type, String deliverableId, int daysLeft) {
        write(em, DELIVERABLE, type.name(), deliverableId, Map.of("daysLeft", daysLeft));
    }

    private static void write(EntityManager em, String kind, String type, String subject, Map<String, Object> payload) {
        NotificationEventEntity e = new NotificationEventEntity();
        e.kind = kind;
        e.type = type;
        e.subject = subject;
        e.payload = Outbox.json(payload);
        e.createdAt = Times.now();
        em.persist(e);
    }
}

package org.guichets.core.internal.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.guichets.api.identity.AccountStatus;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.MailEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.guichets.core.internal.jpa.WebhookDeliveryEntity;
import org.guichets.core.internal.jpa.WebhookEndpointEntity;

/**
 * Queues mails and webhook deliveries inside the caller's transaction (the {@link Notifier}'s, as
 * it consumes an event, or the action's own): what is queued is sent by the {@link
 * NotificationDispatcher}, retried until it goes through, and never holds up the action that
 * caused it.
 */
public final class Outbox {

    static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Outbox() {}

    /** Queues mail {@code template} to each active account of {@code accountIds}, in its language. */
    public static int mail(EntityManager em, Collection<Long> accountIds, String template, Map<String, String> params) {
        return mail(em, accountIds, template, language -> params);
    }

    /**
     * Queues mail {@code template} to each active account of {@code accountIds}, with the parameters
     * for its language ({@code fr} or {@code en}).
     */
    public static int mail(EntityManager em, Collection<Long> accountIds, String template,
            java.util.function.Function<String, Map<String, String>> paramsFor) {
        int queued = 0;
        for (Long id : new LinkedHashSet<>(accountIds)) {
            AccountEntity a = id == null ? null : em.find(AccountEntity.class, id);
            if (a != null && AccountStatus.ACTIVE.name().equals(a.status)) {
                mailTo(em, a.email, a.language, template, paramsFor.apply(a.language));
                queued++;
            }
        }
        return queued;
    }

    /** Queues mail {@code template} to {@code address} in {@code language}. */
    public static void mailTo(EntityManager em, String address, String language, String template,
            Map<String, String> params) {
        MailEntity m = new MailEntity();
        m.recipient = address;
        m.language = "en".equals(language) ? "en" : "fr";
        m.template = template;
        m.params = json(params);
        m.status = "PENDING";
        m.createdAt = Times.now();
        m.nextAttemptAt = m.createdAt;
        em.persist(m);
    }

    /**
     * Queues {@code event} to each enabled endpoint of the organisation subscribed to it; answers the
     * event's id (the same in every delivery).
     */
    public static String webhooks(EntityManager em, long organizationId, WebhookEvent event, Map<String, Object> data) {
        List<WebhookEndpointEntity> endpoints = em.createQuery("SELECT w FROM WebhookEndpointEntity w"
                + " WHERE w.organizationId = :o AND w.enabled = TRUE", WebhookEndpointEntity.class)
                .setParameter("o", organizationId).getResultList();
        String eventId = "evt_" + UUID.randomUUID().toString().replace("-", "");
        OffsetDateTime now = Times.now();
        String payload = null;
        for (WebhookEndpointEntity w : endpoints) {
            if (!WebhookServiceImpl.events(w.events).contains(event)) {
                continue;
            }
            if (payload == null) {
                payload = payload(eventId, event, organizationId, now, data);
            }
            delivery(em, w.id, eventId, event, payload, null);
        }
        return eventId;
    }

    static WebhookDeliveryEntity delivery(EntityManager em, long endpointId, String eventId, WebhookEvent event,
            String payload, Long replayOf) {
        WebhookDeliveryEntity d = new WebhookDeliveryEntity();
        d.endpointId = endpointId;
        d.eventId = eventId;
        d.event = event.name();
        d.payload = payload;
        d.status = WebhookDelivery.Status.PENDING.name();
        d.createdAt = Times.now();
        d.nextAttemptAt = d.createdAt;
        d.replayOf = replayOf;
        em.persist(d);
        return d;
    }

    static String payload(String eventId, WebhookEvent event, long organizationId, OffsetDateTime at,
            Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", event.wireName());
        body.put("createdAt", at.toInstant().toString());
        body.put("organizationId", organizationId);
        body.put("data", data);
        return json(body);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
        }
    }

    /**
     * The people of a company told about a candidature of {@code product}: its mandataire and
     * responsables, the product's responsable and collaborators, active ones only.
     */
    static Set<Long> candidatePeople(EntityManager em, ProductEntity product) {
        Set<Long> ids = new LinkedHashSet<>(managers(em, product.organizationId));
        ids.add(product.responsableId);
        ids.addAll(new ArrayList<>(product.collaboratorIds));
        return ids;
    }

    /** The active mandataire and responsables of a company: who manages its accounts and webhooks. */
    public static java.util.List<Long> managers(EntityManager em, long organizationId) {
        return em.createQuery("SELECT a.id FROM AccountEntity a WHERE a.organizationId = :o AND a.status = :s"
                + " AND a.organizationRole IN :roles ORDER BY a.id", Long.class).setParameter("o", organizationId)
                .setParameter("s", AccountStatus.ACTIVE.name())
                .setParameter("roles", java.util.Arrays.stream(OrganizationRole.values())
                        .filter(OrganizationRole::managesAccounts).map(Enum::name).toList())
                .getResultList();
    }
}

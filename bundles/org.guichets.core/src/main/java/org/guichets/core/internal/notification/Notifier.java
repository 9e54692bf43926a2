package org.guichets.core.internal.notification;

import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.Guichet;
import org.guichets.api.LocalizedText;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.deliverable.DeliverableEvent;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.core.internal.candidature.ReferentialStore;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.MessageEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.guichets.core.internal.jpa.ReviewQueueEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the events of the {@link EventLog} into webhook deliveries for the organisation's endpoints
 * and mails for the people concerned: each event in one transaction that deletes it and queues what
 * it causes, so an event is told once, even with two platform instances draining at once.
 *
 * <p>Mails: a new message (to the company's people when the agency writes, to the reviewer holding
 * the candidature when the company does), a form or chapter returned, the committee's decision, a
 * deliverable issued, expiring (90, 30, 7 days) or revoked.
 */
final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final ZoneId AGENCY_ZONE = ZoneId.of("Europe/Paris");
    private static final int EXCERPT = 500;
    private static final int BATCH = 100;

    private final Database db;
    private final ReferentialStore referentials;
    private final Function<String, Optional<IssuedDeliverable>> deliverables;

    Notifier(Database db, ReferentialStore referentials, Function<String, Optional<IssuedDeliverable>> deliverables) {
        this.db = db;
        this.referentials = referentials;
        this.deliverables = deliverables;
    }

    /** Tells of the logged events, oldest first; answers how many were handled. */
    int drain() {
        List<Object[]> batch = db.read(em -> em.createQuery("SELECT e.id, e.kind, e.type, e.subject, e.payload"
                + " FROM NotificationEventEntity e ORDER BY e.id", Object[].class).setMaxResults(BATCH).getResultList());
        int handled = 0;
        for (Object[] row : batch) {
            long id = (Long) row[0];
            String kind = (String) row[1];
            String type = (String) row[2];
            String subject = (String) row[3];
            String payload = (String) row[4];
            try {
                // a deliverable is read before the transaction (its view needs the referential)
                Optional<IssuedDeliverable> deliverable = EventLog.DELIVERABLE.equals(kind) ? deliverables.apply(subject)
                        : Optional.empty();
                db.write(em -> {
                    int mine = em.createQuery("DELETE FROM NotificationEventEntity e WHERE e.id = :id")
                            .setParameter("id", id).executeUpdate();
                    if (mine == 1) {
                        JsonNode p = readTree(payload);
                        if (EventLog.CANDIDATURE.equals(kind)) {
                            candidature(em, CandidatureEvent.Type.valueOf(type), subject, p);
                        } else if (deliverable.isPresent()) {
                            deliverable(em, DeliverableEvent.Type.valueOf(type), deliverable.get(), p.path("daysLeft").asInt());
                        }
                    }
                    return null;
                });
                handled++;
            } catch (RuntimeException e) {
                LOG.error("Notification event {} ({} {} {}) not handled; kept for the next pass", id, kind, type, subject, e);
            }
        }
        return handled;
    }

    private static JsonNode readTree(String json) {
        try {
            return Outbox.JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a notification event's payload is not JSON: " + json, e);
        }
    }

    private void candidature(EntityManager em, CandidatureEvent.Type type, String number, JsonNode payload) {
        WebhookEvent hook = switch (type) {
            case FORM_SUBMITTED -> WebhookEvent.CANDIDATURE_SUBMITTED;
            case FORM_RETURNED -> WebhookEvent.FORM_RETURNED;
            case FORM_VALIDATED -> WebhookEvent.FORM_VALIDATED;
            case CHAPTER_SUBMITTED -> WebhookEvent.CHAPTER_SUBMITTED;
            case CHAPTER_RETURNED -> WebhookEvent.CHAPTER_RETURNED;
            case CHAPTER_VALIDATED -> WebhookEvent.CHAPTER_VALIDATED;
            case DECISION_TAKEN -> WebhookEvent.DECISION_TAKEN;
            case MESSAGE_POSTED -> WebhookEvent.MESSAGE_POSTED;
            case CREATED, DELIVERABLE_DUE -> null;
        };
        if (hook == null) {
            return;
        }
        Map<String, String> details = new LinkedHashMap<>();
        payload.path("details").fields().forEachRemaining(e -> details.put(e.getKey(), e.getValue().asText()));
        queue(em, type, number, payload.path("actorId").asLong(), details, hook);
    }

    private void queue(EntityManager em, CandidatureEvent.Type type, String number, long actorId,
            Map<String, String> details, WebhookEvent hook) {
        CandidatureEntity c = em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.number = :n",
                CandidatureEntity.class).setParameter("n", number).getSingleResult();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("candidature", c.number);
        data.put("dispositif", c.dispositifId);
        data.put("guichet", c.guichetId);
        data.put("productId", c.productId);
        data.put("nru", c.nru);
        data.putAll(details);
        data.remove("profiles");
        Outbox.webhooks(em, c.organizationId, hook, data);

        ProductEntity product = em.find(ProductEntity.class, c.productId);
        Set<Long> people = new java.util.LinkedHashSet<>(Outbox.candidatePeople(em, product));
        people.remove(actorId);
        String link = "/candidature/" + c.number;
        switch (type) {
            case FORM_RETURNED -> Outbox.mail(em, people, "formReturned", lang -> params(em, c, lang, link + "/formulaire",
                    Map.of()));
            case CHAPTER_RETURNED -> {
                String chapter = details.get("chapter");
                Outbox.mail(em, people, "chapterReturned", lang -> params(em, c, lang, link + "/preuves/" + chapter, Map.of("chapter",
                        chapterTitle(em, c, chapter, lang))));
            }
            case DECISION_TAKEN -> Outbox.mail(em, people, "decisionTaken", lang -> params(em, c, lang, link,
                    Map.of("outcome", outcome(details.get("outcome"), lang))));
            case MESSAGE_POSTED -> {
                MessageEntity m = em.find(MessageEntity.class, Long.valueOf(details.get("messageId")));
                String excerpt = m.body.length() <= EXCERPT ? m.body : m.body.substring(0, EXCERPT) + "…";
                Set<Long> to;
                String messageLink;
                if (m.fromAgency) {
                    to = people;
                    messageLink = link + "/messages";
                } else {
                    ReviewQueueEntity q = em.find(ReviewQueueEntity.class, c.id);
                    to = q == null || q.assigneeId == null ? Set.of() : Set.of(q.assigneeId);
                    messageLink = "/agence/candidature/" + c.number;
                }
                Outbox.mail(em, to, "messagePosted", lang -> params(em, c, lang, messageLink,
                        Map.of("author", m.authorName, "excerpt", excerpt)));
            }
            default -> {
                // webhooks only
            }
        }
    }

    private Map<String, String> params(EntityManager em, CandidatureEntity c, String lang, String link,
            Map<String, String> more) {
        Locale locale = Locale.forLanguageTag(lang);
        Map<String, String> p = new HashMap<>(more);
        p.put("candidature", c.number);
        p.put("link", link);
        try {
            org.guichets.api.Dispositif d = referentials.dispositif(em, c.dispositifId, c.referentialVersion);
            p.put("scheme", d.name().get(locale));
            p.put("guichet", d.guichet(c.guichetId).map(g -> g.name().get(locale)).orElse(c.guichetId));
        } catch (RuntimeException e) {
            p.put("scheme", c.dispositifId);
            p.put("guichet", c.guichetId);
        }
        return p;
    }

    private String chapterTitle(EntityManager em, CandidatureEntity c, String chapterId, String lang) {
        try {
            Guichet g = referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
            return g.chapter(chapterId).map(ch -> ch.title().get(Locale.forLanguageTag(lang))).orElse(chapterId);
        } catch (RuntimeException e) {
            return chapterId;
        }
    }

    /** The decision's outcome in words, from the mail templates ({@code outcome.<OUTCOME>}). */
    private static String outcome(String outcome, String lang) {
        return MailTemplates.text("outcome." + outcome, lang).orElse(String.valueOf(outcome));
    }

    private void deliverable(EntityManager em, DeliverableEvent.Type type, IssuedDeliverable d, int daysLeft) {
        WebhookEvent hook = switch (type) {
            case ISSUED -> WebhookEvent.DELIVERABLE_ISSUED;
            case EXPIRING -> WebhookEvent.DELIVERABLE_EXPIRING;
            case EXPIRED -> WebhookEvent.DELIVERABLE_EXPIRED;
            case REVOKED -> WebhookEvent.DELIVERABLE_REVOKED;
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deliverable", d.id());
        data.put("kind", d.kind());
        data.put("candidature", d.candidatureNumber());
        data.put("dispositif", d.dispositifId());
        data.put("guichet", d.guichetId());
        data.put("nru", d.nru());
        data.put("status", d.status().name());
        data.put("expiresAt", d.expiresAt() == null ? null : d.expiresAt().toString());
        if (type == DeliverableEvent.Type.EXPIRING) {
            data.put("daysLeft", daysLeft);
        }
        if (d.revocationReason() != null) {
            data.put("reason", d.revocationReason());
        }
        Outbox.webhooks(em, d.organizationId(), hook, data);
        String template = switch (type) {
            case ISSUED -> "deliverableIssued";
            case EXPIRING -> "deliverableExpiring";
            case REVOKED -> "deliverableRevoked";
            case EXPIRED -> null;
        };
        if (template == null) {
            return;
        }
        List<CandidatureEntity> found = em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.number = :n",
                CandidatureEntity.class).setParameter("n", d.candidatureNumber()).getResultList();
        if (!found.isEmpty()) {
            CandidatureEntity c = found.get(0);
            Set<Long> people = Outbox.candidatePeople(em, em.find(ProductEntity.class, c.productId));
            Outbox.mail(em, people, template, lang -> deliverableParams(d, daysLeft, lang, c));
        }
    }

    private static Map<String, String> deliverableParams(IssuedDeliverable d, int daysLeft, String lang,
            CandidatureEntity c) {
        Locale locale = Locale.forLanguageTag(lang);
        DateTimeFormatter dates = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        Map<String, String> p = new HashMap<>();
        p.put("title", title(d.title(), locale, d.kind()));
        p.put("id", d.id());
        p.put("software", d.softwareName() + (d.softwareVersion() == null ? "" : " " + d.softwareVersion()));
        p.put("organization", d.organizationName());
        p.put("expires", d.expiresAt() == null ? "—" : dates.format(d.expiresAt().atZone(AGENCY_ZONE)));
        p.put("days", String.valueOf(daysLeft));
        p.put("reason", d.revocationReason() == null ? "" : d.revocationReason());
        p.put("link", "/candidature/" + c.number);
        p.put("verifyLink", "/verify/" + d.id());
        return p;
    }

    private static String title(LocalizedText title, Locale locale, String fallback) {
        return title == null ? fallback : title.get(locale);
    }
}

package org.guichets.core.internal.notification;

import jakarta.persistence.EntityManager;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.Guichet;
import org.guichets.api.LocalizedText;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.CandidatureListener;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.deliverable.DeliverableEvent;
import org.guichets.api.deliverable.DeliverableListener;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.core.internal.candidature.ReferentialStore;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.MessageEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.guichets.core.internal.jpa.ReviewQueueEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what happened to candidatures and deliverables into webhook deliveries for the
 * organisation's endpoints and mails for the people concerned, queued in one transaction, then
 * wakes the {@link NotificationDispatcher}.
 *
 * <p>Mails: a new message (to the company's people when the agency writes, to the reviewer holding
 * the candidature when the company does), a form or chapter returned, the committee's decision, a
 * deliverable issued, expiring (90, 30, 7 days) or revoked.
 */
@Component(service = {CandidatureListener.class, DeliverableListener.class})
public final class Notifier implements CandidatureListener, DeliverableListener {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final ZoneId AGENCY_ZONE = ZoneId.of("Europe/Paris");
    private static final int EXCERPT = 500;

    private final Database db;
    private final ReferentialStore referentials;
    private final NotificationDispatcher dispatcher;

    @Activate
    public Notifier(@Reference Database db, @Reference ReferentialStore referentials,
            @Reference NotificationDispatcher dispatcher) {
        this.db = db;
        this.referentials = referentials;
        this.dispatcher = dispatcher;
    }

    @Override
    public void candidatureChanged(CandidatureEvent event) {
        WebhookEvent hook = switch (event.type()) {
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
        try {
            db.write(em -> {
                queue(em, event, hook);
                return null;
            });
            dispatcher.kick();
        } catch (RuntimeException e) {
            LOG.error("Notifications of {} on {} not queued", event.type(), event.candidatureNumber(), e);
        }
    }

    private void queue(EntityManager em, CandidatureEvent event, WebhookEvent hook) {
        CandidatureEntity c = em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.number = :n",
                CandidatureEntity.class).setParameter("n", event.candidatureNumber()).getSingleResult();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("candidature", c.number);
        data.put("dispositif", c.dispositifId);
        data.put("guichet", c.guichetId);
        data.put("productId", c.productId);
        data.put("nru", c.nru);
        data.putAll(event.details());
        data.remove("profiles");
        Outbox.webhooks(em, c.organizationId, hook, data);

        ProductEntity product = em.find(ProductEntity.class, c.productId);
        Set<Long> people = new java.util.LinkedHashSet<>(Outbox.candidatePeople(em, product));
        people.remove(event.actorId());
        String link = "/candidature/" + c.number;
        switch (event.type()) {
            case FORM_RETURNED -> Outbox.mail(em, people, "formReturned", lang -> params(em, c, lang, link + "/formulaire",
                    Map.of()));
            case CHAPTER_RETURNED -> {
                String chapter = event.details().get("chapter");
                Outbox.mail(em, people, "chapterReturned", lang -> params(em, c, lang, link + "/preuves/" + chapter, Map.of("chapter",
                        chapterTitle(em, c, chapter, lang))));
            }
            case DECISION_TAKEN -> Outbox.mail(em, people, "decisionTaken", lang -> params(em, c, lang, link,
                    Map.of("outcome", outcome(event.details().get("outcome"), lang))));
            case MESSAGE_POSTED -> {
                MessageEntity m = em.find(MessageEntity.class, Long.valueOf(event.details().get("messageId")));
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

    private static String outcome(String outcome, String lang) {
        boolean en = "en".equals(lang);
        DecisionOutcome o;
        try {
            o = DecisionOutcome.valueOf(outcome);
        } catch (RuntimeException e) {
            return String.valueOf(outcome);
        }
        return switch (o) {
            case FAVOURABLE -> en ? "favourable" : "avis favorable";
            case FAVOURABLE_WITH_RESERVATIONS -> en ? "favourable with reservations" : "avis favorable avec réserves";
            case UNFAVOURABLE -> en ? "unfavourable" : "avis défavorable";
        };
    }

    @Override
    public void deliverableChanged(DeliverableEvent event) {
        IssuedDeliverable d = event.deliverable();
        WebhookEvent hook = switch (event.type()) {
            case ISSUED -> WebhookEvent.DELIVERABLE_ISSUED;
            case EXPIRING -> WebhookEvent.DELIVERABLE_EXPIRING;
            case EXPIRED -> WebhookEvent.DELIVERABLE_EXPIRED;
            case REVOKED -> WebhookEvent.DELIVERABLE_REVOKED;
        };
        try {
            db.write(em -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("deliverable", d.id());
                data.put("kind", d.kind());
                data.put("candidature", d.candidatureNumber());
                data.put("dispositif", d.dispositifId());
                data.put("guichet", d.guichetId());
                data.put("nru", d.nru());
                data.put("status", d.status().name());
                data.put("expiresAt", d.expiresAt() == null ? null : d.expiresAt().toString());
                if (event.type() == DeliverableEvent.Type.EXPIRING) {
                    data.put("daysLeft", event.daysLeft());
                }
                if (d.revocationReason() != null) {
                    data.put("reason", d.revocationReason());
                }
                Outbox.webhooks(em, d.organizationId(), hook, data);
                String template = switch (event.type()) {
                    case ISSUED -> "deliverableIssued";
                    case EXPIRING -> "deliverableExpiring";
                    case REVOKED -> "deliverableRevoked";
                    case EXPIRED -> null;
                };
                if (template != null) {
                    List<CandidatureEntity> found = em.createQuery("SELECT c FROM CandidatureEntity c WHERE c.number = :n",
                            CandidatureEntity.class).setParameter("n", d.candidatureNumber()).getResultList();
                    if (!found.isEmpty()) {
                        CandidatureEntity c = found.get(0);
                        Set<Long> people = Outbox.candidatePeople(em, em.find(ProductEntity.class, c.productId));
                        Outbox.mail(em, people, template, lang -> deliverableParams(d, event, lang, c));
                    }
                }
                return null;
            });
            dispatcher.kick();
        } catch (RuntimeException e) {
            LOG.error("Notifications of deliverable {} {} not queued", d.id(), event.type(), e);
        }
    }

    private static Map<String, String> deliverableParams(IssuedDeliverable d, DeliverableEvent event, String lang,
            CandidatureEntity c) {
        Locale locale = Locale.forLanguageTag(lang);
        DateTimeFormatter dates = DateTimeFormatter.ofPattern("d MMMM yyyy", locale);
        Map<String, String> p = new HashMap<>();
        p.put("title", title(d.title(), locale, d.kind()));
        p.put("id", d.id());
        p.put("software", d.softwareName() + (d.softwareVersion() == null ? "" : " " + d.softwareVersion()));
        p.put("organization", d.organizationName());
        p.put("expires", d.expiresAt() == null ? "—" : dates.format(d.expiresAt().atZone(AGENCY_ZONE)));
        p.put("days", String.valueOf(event.daysLeft()));
        p.put("reason", d.revocationReason() == null ? "" : d.revocationReason());
        p.put("link", "/candidature/" + c.number);
        p.put("verifyLink", "/verify/" + d.id());
        return p;
    }

    private static String title(LocalizedText title, Locale locale, String fallback) {
        return title == null ? fallback : title.get(locale);
    }
}

package org.guichets.core.internal.notification;

import jakarta.persistence.EntityManager;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.Page;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEndpoint;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.api.notification.WebhookService;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.WebhookDeliveryEntity;
import org.guichets.core.internal.jpa.WebhookEndpointEntity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** An organisation's webhook endpoints, managed by its mandataire and responsables; each change audited. */
@Component(service = WebhookService.class)
public final class WebhookServiceImpl implements WebhookService {

    /** Endpoints per organisation. */
    static final int MAX_ENDPOINTS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final UrlPolicy urls;
    private final NotificationDispatcher dispatcher;

    @Activate
    public WebhookServiceImpl(BundleContext context, @Reference Database db, @Reference NotificationDispatcher dispatcher) {
        this(db, dispatcher, Boolean.parseBoolean(context.getProperty("guichets.webhooks.allowPrivateNetworks")));
    }

    public WebhookServiceImpl(Database db, NotificationDispatcher dispatcher, boolean allowPrivateNetworks) {
        this.db = db;
        this.dispatcher = dispatcher;
        this.urls = new UrlPolicy(allowPrivateNetworks);
    }

    @Override
    public NewWebhook register(Actor actor, long organizationId, String url, String description, Set<WebhookEvent> events) {
        Fields fields = fields(url, description, events);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = "whsec_" + java.util.HexFormat.of().formatHex(random);
        return db.write(em -> {
            requireManager(em, actor, organizationId);
            long count = em.createQuery("SELECT COUNT(w) FROM WebhookEndpointEntity w WHERE w.organizationId = :o",
                    Long.class).setParameter("o", organizationId).getSingleResult();
            if (count >= MAX_ENDPOINTS) {
                throw ValidationException.of("url", "webhook.tooMany", MAX_ENDPOINTS);
            }
            WebhookEndpointEntity w = new WebhookEndpointEntity();
            w.organizationId = organizationId;
            w.url = fields.url;
            w.description = fields.description;
            w.events = names(fields.events);
            w.secret = secret;
            w.enabled = true;
            w.createdBy = actor.accountId();
            w.createdAt = Times.now();
            em.persist(w);
            em.flush();
            AuditLog.append(em, actor, "webhook.registered", "webhook", w.id, "organizationId", organizationId, "url", w.url,
                    "events", w.events);
            return new NewWebhook(view(w), secret);
        });
    }

    @Override
    public List<WebhookEndpoint> endpoints(Actor actor, long organizationId) {
        return db.read(em -> {
            requireManager(em, actor, organizationId);
            return em.createQuery("SELECT w FROM WebhookEndpointEntity w WHERE w.organizationId = :o ORDER BY w.id",
                    WebhookEndpointEntity.class).setParameter("o", organizationId).getResultList().stream()
                    .map(WebhookServiceImpl::view).toList();
        });
    }

    @Override
    public WebhookEndpoint endpoint(Actor actor, long endpointId) {
        return db.read(em -> view(managed(em, actor, endpointId)));
    }

    @Override
    public WebhookEndpoint update(Actor actor, long endpointId, long expectedVersion, String url, String description,
            Set<WebhookEvent> events) {
        Fields fields = fields(url, description, events);
        return db.write(em -> {
            WebhookEndpointEntity w = managed(em, actor, endpointId);
            if (w.version != expectedVersion) {
                throw new ConflictException("webhook", endpointId, expectedVersion, w.version);
            }
            w.url = fields.url;
            w.description = fields.description;
            w.events = names(fields.events);
            em.flush();
            AuditLog.append(em, actor, "webhook.updated", "webhook", w.id, "url", w.url, "events", w.events);
            return view(w);
        });
    }

    @Override
    public WebhookEndpoint setEnabled(Actor actor, long endpointId, boolean enabled) {
        WebhookEndpoint result = db.write(em -> {
            WebhookEndpointEntity w = managed(em, actor, endpointId);
            if (w.enabled != enabled) {
                w.enabled = enabled;
                w.consecutiveFailures = enabled ? 0 : w.consecutiveFailures;
                w.disabledReason = enabled ? null : "manual";
                em.flush();
                AuditLog.append(em, actor, enabled ? "webhook.enabled" : "webhook.disabled", "webhook", w.id);
            }
            return view(w);
        });
        dispatcher.kick();
        return result;
    }

    @Override
    public void delete(Actor actor, long endpointId) {
        db.write(em -> {
            WebhookEndpointEntity w = managed(em, actor, endpointId);
            em.createQuery("DELETE FROM WebhookDeliveryEntity d WHERE d.endpointId = :e").setParameter("e", w.id)
                    .executeUpdate();
            em.remove(w);
            AuditLog.append(em, actor, "webhook.deleted", "webhook", endpointId, "url", w.url);
            return null;
        });
    }

    @Override
    public WebhookDelivery ping(Actor actor, long endpointId) {
        WebhookDelivery d = db.write(em -> {
            WebhookEndpointEntity w = managed(em, actor, endpointId);
            if (!w.enabled) {
                throw new InvalidTransitionException("webhook.disabled");
            }
            long waiting = em.createQuery("SELECT COUNT(d) FROM WebhookDeliveryEntity d WHERE d.endpointId = :e"
                    + " AND d.event = :ping AND d.status = :pending", Long.class).setParameter("e", w.id)
                    .setParameter("ping", WebhookEvent.PING.name())
                    .setParameter("pending", WebhookDelivery.Status.PENDING.name()).getSingleResult();
            if (waiting > 0) {
                throw new InvalidTransitionException("webhook.pingPending"); // one test at a time
            }
            String eventId = "evt_" + java.util.UUID.randomUUID().toString().replace("-", "");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("endpointId", w.id);
            data.put("requestedBy", actor.displayName());
            WebhookDeliveryEntity e = Outbox.delivery(em, w.id, eventId, WebhookEvent.PING,
                    Outbox.payload(eventId, WebhookEvent.PING, w.organizationId, Times.now(), data), null);
            em.flush();
            return view(e);
        });
        dispatcher.kick();
        return d;
    }

    @Override
    public Page<WebhookDelivery> deliveries(Actor actor, long endpointId, int offset, int limit) {
        int from = Math.max(0, offset);
        int size = Math.max(1, Math.min(limit, 200));
        return db.read(em -> {
            WebhookEndpointEntity w = managed(em, actor, endpointId);
            long total = em.createQuery("SELECT COUNT(d) FROM WebhookDeliveryEntity d WHERE d.endpointId = :e", Long.class)
                    .setParameter("e", w.id).getSingleResult();
            List<WebhookDelivery> items = em.createQuery("SELECT d FROM WebhookDeliveryEntity d WHERE d.endpointId = :e"
                    + " ORDER BY d.id DESC", WebhookDeliveryEntity.class).setParameter("e", w.id).setFirstResult(from)
                    .setMaxResults(size).getResultList().stream().map(WebhookServiceImpl::view).toList();
            return new Page<>(items, total, from, size);
        });
    }

    @Override
    public WebhookDelivery delivery(Actor actor, long deliveryId) {
        return db.read(em -> {
            WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
            if (d == null) {
                throw new NotFoundException("delivery", deliveryId);
            }
            managed(em, actor, d.endpointId);
            return view(d);
        });
    }

    @Override
    public WebhookDelivery replay(Actor actor, long deliveryId) {
        WebhookDelivery d = db.write(em -> {
            WebhookDeliveryEntity original = em.find(WebhookDeliveryEntity.class, deliveryId);
            if (original == null) {
                throw new NotFoundException("delivery", deliveryId);
            }
            WebhookEndpointEntity w = managed(em, actor, original.endpointId);
            if (!w.enabled) {
                throw new InvalidTransitionException("webhook.disabled");
            }
            WebhookDeliveryEntity again = Outbox.delivery(em, w.id, original.eventId,
                    WebhookEvent.valueOf(original.event), original.payload, original.id);
            em.flush();
            AuditLog.append(em, actor, "webhook.replayed", "webhook", w.id, "delivery", original.id, "replay", again.id,
                    "eventId", original.eventId);
            return view(again);
        });
        dispatcher.kick();
        return d;
    }

    // ---------------------------------------------------------------- helpers

    private record Fields(String url, String description, Set<WebhookEvent> events) {}

    private Fields fields(String url, String description, Set<WebhookEvent> events) {
        Checks checks = new Checks();
        String cleanUrl = null;
        try {
            cleanUrl = urls.check(url).toString();
        } catch (ValidationException e) {
            checks.add(e);
        }
        String cleanDescription = checks.optional("description", description, 200);
        Set<WebhookEvent> subscribed = events == null ? Set.of()
                : events.stream().filter(e -> e != WebhookEvent.PING).collect(Collectors.toCollection(
                        () -> EnumSet.noneOf(WebhookEvent.class)));
        checks.check(!subscribed.isEmpty(), "events", "webhook.events");
        checks.done();
        return new Fields(cleanUrl, cleanDescription, subscribed);
    }

    private static void requireManager(EntityManager em, Actor actor, long organizationId) {
        // read the account again: a manager demoted or disabled since sign-in is refused
        Actor now = AccessPolicy.actorNow(em, actor);
        if (now == null || !AccessPolicy.canEditOrganization(now, organizationId)) {
            throw new AccessDeniedException("access.denied");
        }
    }

    private static WebhookEndpointEntity managed(EntityManager em, Actor actor, long endpointId) {
        WebhookEndpointEntity w = em.find(WebhookEndpointEntity.class, endpointId);
        if (w == null || !actor.belongsTo(w.organizationId)) {
            throw new NotFoundException("webhook", endpointId);
        }
        requireManager(em, actor, w.organizationId);
        return w;
    }

    static Set<WebhookEvent> events(String names) {
        Set<WebhookEvent> out = EnumSet.noneOf(WebhookEvent.class);
        Arrays.stream(names.split(",")).filter(s -> !s.isBlank()).forEach(s -> {
            try {
                out.add(WebhookEvent.valueOf(s));
            } catch (IllegalArgumentException e) {
                // an event a later version removed: ignored
            }
        });
        return out;
    }

    private static String names(Set<WebhookEvent> events) {
        return events.stream().sorted(Comparator.naturalOrder()).map(Enum::name).collect(Collectors.joining(","));
    }

    static WebhookEndpoint view(WebhookEndpointEntity w) {
        return new WebhookEndpoint(w.id, w.organizationId, w.url, w.description, events(w.events), w.enabled,
                w.consecutiveFailures, w.disabledReason, w.createdBy, w.createdAt.toInstant(), w.version);
    }

    static WebhookDelivery view(WebhookDeliveryEntity d) {
        return new WebhookDelivery(d.id, d.endpointId, d.eventId, WebhookEvent.valueOf(d.event), d.payload,
                WebhookDelivery.Status.valueOf(d.status), d.attempts, d.createdAt.toInstant(),
                d.nextAttemptAt == null ? null : d.nextAttemptAt.toInstant(),
                d.lastAttemptAt == null ? null : d.lastAttemptAt.toInstant(), d.responseStatus, d.responseBody, d.error,
                d.durationMillis, d.replayOf);
    }
}

package org.guichets.core.internal.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.guichets.api.identity.Actor;
import org.guichets.api.notification.MailTransport;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.MailEntity;
import org.guichets.core.internal.jpa.OrganizationEntity;
import org.guichets.core.internal.jpa.WebhookDeliveryEntity;
import org.guichets.core.internal.jpa.WebhookEndpointEntity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the {@link Outbox} queued: webhook deliveries (signed POSTs) and mails (through the
 * host's {@link MailTransport}), on one background thread, each pass taking the due ones. A row is
 * claimed by a conditional update before it is sent, so two platform instances on one database
 * never send it twice at once. A failure is retried with exponential backoff up to a maximum of
 * attempts; an endpoint failing {@code disableAfter} times in a row is disabled and its owner told.
 */
@Component(service = NotificationDispatcher.class)
public final class NotificationDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int BATCH = 25;
    /** An attempt claims its row for this long: a crash mid-attempt retries it after. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration MAX_BACKOFF = Duration.ofHours(6);
    static final int RESPONSE_KEPT = 2000;

    /** How the dispatcher behaves; see {@code config/guichets.properties}. */
    public record Settings(long pollMillis, int webhookMaxAttempts, Duration webhookBackoff, int disableAfter,
            Duration webhookTimeout, int mailMaxAttempts, Duration mailBackoff, boolean allowPrivateNetworks,
            String publicUrl) {

        static Settings from(BundleContext c) {
            return new Settings(number(c, "guichets.notifications.pollMillis", 1000),
                    (int) number(c, "guichets.webhooks.maxAttempts", 8),
                    Duration.ofSeconds(number(c, "guichets.webhooks.backoffSeconds", 30)),
                    (int) number(c, "guichets.webhooks.disableAfter", 15),
                    Duration.ofSeconds(number(c, "guichets.webhooks.timeoutSeconds", 10)),
                    (int) number(c, "guichets.mail.maxAttempts", 12),
                    Duration.ofSeconds(number(c, "guichets.mail.backoffSeconds", 60)),
                    Boolean.parseBoolean(c.getProperty("guichets.webhooks.allowPrivateNetworks")),
                    c.getProperty("guichets.publicUrl"));
        }

        private static long number(BundleContext c, String key, long fallback) {
            String v = c.getProperty(key);
            try {
                return v == null || v.isBlank() ? fallback : Math.max(0, Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                LOG.warn("{}={} is not a number; using {}", key, v, fallback);
                return fallback;
            }
        }

        /** The portal's address without a trailing slash. */
        String portal() {
            String url = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    private final Database db;
    private final Settings settings;
    private final UrlPolicy urls;
    private final HttpClient http;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guichets-notifications");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kicked = new AtomicBoolean();
    private volatile MailTransport transport;
    private volatile boolean warnedNoTransport;

    @Activate
    public NotificationDispatcher(BundleContext context, @Reference Database db) {
        this(db, Settings.from(context));
        if (settings.pollMillis() > 0) {
            thread.scheduleWithFixedDelay(this::pass, settings.pollMillis(), settings.pollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** For tests: no scheduled pass; {@link #sendWebhooks} and {@link #sendMails} run when called. */
    public NotificationDispatcher(Database db, Settings settings) {
        this.db = db;
        this.settings = settings;
        this.urls = new UrlPolicy(settings.allowPrivateNetworks());
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Settings settings() {
        return settings;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setTransport(MailTransport transport) {
        this.transport = transport;
        kick();
    }

    public void unsetTransport(MailTransport transport) {
        if (this.transport == transport) {
            this.transport = null;
        }
    }

    @Deactivate
    public void close() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Something was queued: run a pass soon rather than at the next poll. */
    public void kick() {
        if (settings.pollMillis() > 0 && kicked.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    kicked.set(false);
                    pass();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                kicked.set(false); // closing
            }
        }
    }

    private void pass() {
        try {
            Instant now = Instant.now();
            while (sendWebhooks(now) == BATCH) {
                now = Instant.now();
            }
            while (sendMails(now) == BATCH) {
                now = Instant.now();
            }
        } catch (RuntimeException e) {
            LOG.error("Notification pass failed; the next one retries", e);
        }
    }

    // ---------------------------------------------------------------- webhooks

    /** Attempts the webhook deliveries due at {@code now}; answers how many were attempted. */
    public int sendWebhooks(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Object[]> due = db.read(em -> em.createQuery("SELECT d.id, d.nextAttemptAt FROM WebhookDeliveryEntity d,"
                + " WebhookEndpointEntity w WHERE d.endpointId = w.id AND w.enabled = TRUE AND d.status = :s"
                + " AND d.nextAttemptAt <= :now ORDER BY d.nextAttemptAt, d.id", Object[].class)
                .setParameter("s", WebhookDelivery.Status.PENDING.name()).setParameter("now", at).setMaxResults(BATCH)
                .getResultList());
        int attempted = 0;
        for (Object[] row : due) {
            long id = (Long) row[0];
            if (!claim("WebhookDeliveryEntity", id, (OffsetDateTime) row[1], at)) {
                continue;
            }
            attempted++;
            attempt(id);
        }
        return attempted;
    }

    private boolean claim(String entity, long id, OffsetDateTime seen, OffsetDateTime now) {
        int claimed = db.write(em -> em.createQuery("UPDATE " + entity + " d SET d.nextAttemptAt = :lease"
                + " WHERE d.id = :id AND d.status = 'PENDING' AND d.nextAttemptAt = :seen")
                .setParameter("lease", now.plus(LEASE)).setParameter("id", id).setParameter("seen", seen).executeUpdate());
        return claimed == 1;
    }

    private record Target(String url, String secret, String event, String payload, long endpointId) {}

    private void attempt(long deliveryId) {
        Target t = db.read(em -> {
            WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
            WebhookEndpointEntity w = d == null ? null : em.find(WebhookEndpointEntity.class, d.endpointId);
            return w == null ? null : new Target(w.url, w.secret, d.event, d.payload, w.id);
        });
        if (t == null) {
            return; // deleted meanwhile
        }
        long start = System.nanoTime();
        Integer status = null;
        String body = null;
        String error = null;
        try {
            URI uri = URI.create(t.url);
            error = urls.refusal(uri.getHost()).orElse(null);
            if (error == null) {
                long timestamp = Instant.now().getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.webhookTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Guichets-Webhooks/1")
                        .header("Guichets-Event", org.guichets.api.notification.WebhookEvent.valueOf(t.event).wireName())
                        .header("Guichets-Delivery", String.valueOf(deliveryId))
                        .header("Guichets-Signature", signature(t.secret, timestamp, t.payload))
                        .POST(HttpRequest.BodyPublishers.ofString(t.payload, StandardCharsets.UTF_8)).build();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                body = truncate(response.body(), RESPONSE_KEPT);
            }
        } catch (IOException | IllegalArgumentException e) {
            error = truncate(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        record(deliveryId, t, status, body, error, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private void record(long deliveryId, Target t, Integer status, String body, String error, long millis) {
        boolean ok = status != null && status >= 200 && status < 300;
        String failure = ok ? null : error != null ? error : "HTTP " + status;
        db.write(em -> {
            WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
            WebhookEndpointEntity w = em.find(WebhookEndpointEntity.class, t.endpointId,
                    jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (d == null || w == null) {
                return null;
            }
            OffsetDateTime now = org.guichets.core.internal.Times.now();
            d.attempts++;
            d.lastAttemptAt = now;
            d.responseStatus = status;
            d.responseBody = body;
            d.error = error;
            d.durationMillis = millis;
            if (ok) {
                d.status = WebhookDelivery.Status.DELIVERED.name();
                d.nextAttemptAt = null;
                w.consecutiveFailures = 0;
            } else {
                if (d.attempts >= settings.webhookMaxAttempts()) {
                    d.status = WebhookDelivery.Status.FAILED.name();
                    d.nextAttemptAt = null;
                } else {
                    d.nextAttemptAt = now.plus(backoff(settings.webhookBackoff(), d.attempts));
                }
                w.consecutiveFailures++;
                if (w.enabled && settings.disableAfter() > 0 && w.consecutiveFailures >= settings.disableAfter()) {
                    w.enabled = false;
                    w.disabledReason = "failures";
                    AuditLog.append(em, Actor.system(), "webhook.autoDisabled", "webhook", w.id, "failures",
                            w.consecutiveFailures, "lastError", failure);
                    OrganizationEntity org = em.find(OrganizationEntity.class, w.organizationId);
                    Outbox.mail(em, List.of(w.createdBy), "webhookDisabled", Map.of("url", w.url, "failures",
                            String.valueOf(w.consecutiveFailures), "error", failure, "organization",
                            org == null ? "" : org.legalName, "link", "/entreprise/webhooks"));
                    LOG.warn("Webhook endpoint {} ({}) disabled after {} failures in a row; last: {}", w.id, w.url,
                            w.consecutiveFailures, failure);
                }
            }
            return null;
        });
    }

    /** {@code base} × 2^(attempts − 1), at most six hours. */
    static Duration backoff(Duration base, int attempts) {
        Duration d = base.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** {@code t=<timestamp>,v1=<hex HMAC-SHA256 over "timestamp.payload">}. */
    public static String signature(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    // ---------------------------------------------------------------- mail

    /** Sends the mails due at {@code now}; answers how many were attempted (none without a transport). */
    public int sendMails(Instant now) {
        MailTransport mail = transport;
        if (mail == null) {
            if (!warnedNoTransport && pendingMails() > 0) {
                warnedNoTransport = true;
                LOG.warn("Mails are waiting and no mail transport is configured (guichets.smtp.host): they are kept");
            }
            return 0;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<Object[]> due = db.read(em -> em.createQuery("SELECT m.id, m.nextAttemptAt FROM MailEntity m"
                + " WHERE m.status = 'PENDING' AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt, m.id", Object[].class)
                .setParameter("now", at).setMaxResults(BATCH).getResultList());
        int attempted = 0;
        for (Object[] row : due) {
            long id = (Long) row[0];
            if (!claim("MailEntity", id, (OffsetDateTime) row[1], at)) {
                continue;
            }
            attempted++;
            MailEntity m = db.read(em -> em.find(MailEntity.class, id));
            String error = null;
            try {
                Map<String, String> params = new java.util.HashMap<>(
                        Outbox.JSON.readValue(m.params, new TypeReference<Map<String, String>>() {}));
                params.put("portal", settings.portal());
                MailTemplates.Rendered r = MailTemplates.render(m.template, m.language, params);
                mail.send(new MailTransport.OutgoingMail(m.recipient, r.subject(), r.text(),
                        "<mail-" + m.id + "@guichets>"));
            } catch (Exception e) {
                error = truncate(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 500);
                LOG.warn("Mail {} to {} not sent (attempt {}): {}", m.id, m.recipient, m.attempts + 1, error);
            }
            String failure = error;
            db.write(em -> {
                MailEntity fresh = em.find(MailEntity.class, id);
                fresh.attempts++;
                fresh.error = failure;
                if (failure == null) {
                    fresh.status = "SENT";
                    fresh.sentAt = org.guichets.core.internal.Times.now();
                    fresh.nextAttemptAt = null;
                } else if (fresh.attempts >= settings.mailMaxAttempts()) {
                    fresh.status = "FAILED";
                    fresh.nextAttemptAt = null;
                } else {
                    fresh.nextAttemptAt = org.guichets.core.internal.Times.now()
                            .plus(backoff(settings.mailBackoff(), fresh.attempts));
                }
                return null;
            });
        }
        return attempted;
    }

    private long pendingMails() {
        return db.read(em -> em.createQuery("SELECT COUNT(m) FROM MailEntity m WHERE m.status = 'PENDING'", Long.class)
                .getSingleResult());
    }
}

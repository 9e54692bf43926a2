package org.guichets.core.internal.notification;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.CandidatureListener;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.identity.Actor;
import org.guichets.api.notification.MailTransport;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.candidature.ReferentialStore;
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
 * Tells of what happened, on one background thread: each pass turns the {@link EventLog}'s events
 * into webhook deliveries and mails ({@link Notifier}), then sends what is due — webhook
 * deliveries as signed POSTs, mails through the host's {@link MailTransport}. It listens to
 * candidature events only to run a pass at once rather than at the next poll (deliverable events,
 * rarer, wait for the poll: listening to them too would make a reference cycle with the
 * deliverable service, whose lookup the notifier uses).
 *
 * <p>A row is claimed by a conditional update that moves its next attempt a lease ahead, from the
 * moment it is claimed; its result is recorded only while the claim holds, so two platform
 * instances on one database never send it twice at once, and a crash mid-attempt retries it after
 * the lease. A failure is retried with exponential backoff up to a maximum of attempts; an endpoint
 * failing {@code disableAfter} times in a row is disabled and the organisation's managers told.
 * An attempt reads at most {@link #RESPONSE_KEPT} bytes of the answer and gives up after the
 * timeout, headers and body included: a slow or endless answer holds nothing up.
 */
@Component(service = {NotificationDispatcher.class, CandidatureListener.class})
public final class NotificationDispatcher implements CandidatureListener {

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
                    Duration.ofSeconds(Math.max(1, number(c, "guichets.webhooks.timeoutSeconds", 10))),
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
    private final Notifier notifier;
    private final HttpClient http;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guichets-notifications");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean kicked = new AtomicBoolean();
    private volatile boolean closing;
    private volatile MailTransport transport;
    private volatile boolean warnedNoTransport;

    @Activate
    public NotificationDispatcher(BundleContext context, @Reference Database db, @Reference ReferentialStore referentials,
            @Reference DeliverableService deliverables) {
        this(db, Settings.from(context), referentials, deliverables);
        if (settings.pollMillis() > 0) {
            thread.scheduleWithFixedDelay(this::pass, settings.pollMillis(), settings.pollMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** For tests: no scheduled pass; {@link #drainEvents}, {@link #sendWebhooks} and {@link #sendMails} run when called. */
    public NotificationDispatcher(Database db, Settings settings, ReferentialStore referentials,
            DeliverableService deliverables) {
        this.db = db;
        this.settings = settings;
        this.urls = new UrlPolicy(settings.allowPrivateNetworks());
        this.notifier = new Notifier(db, referentials, deliverables::lookup);
        this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
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
        closing = true;
        thread.shutdownNow();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Override
    public void candidatureChanged(CandidatureEvent event) {
        kick();
    }

    /** Something was logged or queued: run a pass soon rather than at the next poll. */
    public void kick() {
        if (settings.pollMillis() > 0 && !closing && kicked.compareAndSet(false, true)) {
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
            while (drainEvents() > 0 && !closing) {
                // events first: what they cause is sent in the same pass
            }
            while (!closing && sendWebhooks(Instant.now()) == BATCH) {
                // a full batch: there may be more due
            }
            while (!closing && sendMails(Instant.now()) == BATCH) {
                // idem
            }
        } catch (RuntimeException e) {
            LOG.error("Notification pass failed; the next one retries", e);
        }
    }

    /** Turns logged events into deliveries and mails; answers how many events were handled. */
    public int drainEvents() {
        return notifier.drain();
    }

    // ---------------------------------------------------------------- webhooks

    /** Attempts the webhook deliveries due at {@code now}; answers how many were attempted. */
    public int sendWebhooks(Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> due = db.read(em -> em.createQuery("SELECT d.id, d.nextAttemptAt FROM WebhookDeliveryEntity d,"
                + " WebhookEndpointEntity w WHERE d.endpointId = w.id AND w.enabled = :on AND d.status = :s"
                + " AND d.nextAttemptAt <= :now ORDER BY d.nextAttemptAt, d.id", Object[].class)
                .setParameter("on", Boolean.TRUE).setParameter("s", WebhookDelivery.Status.PENDING.name())
                .setParameter("now", at).setMaxResults(BATCH)
                .getResultList());
        return attemptEach(due, "WebhookDeliveryEntity", settings.webhookBackoff(), settings.webhookMaxAttempts(),
                this::attempt);
    }

    /**
     * Claims each row of {@code due} ({@code [id, nextAttemptAt]}) and attempts it; a row whose
     * recording fails is still counted, with its backoff. Answers how many were attempted.
     */
    private int attemptEach(List<Object[]> due, String entity, Duration backoff, int maxAttempts,
            java.util.function.BiConsumer<Long, OffsetDateTime> attempt) {
        int attempted = 0;
        for (Object[] row : due) {
            if (closing) {
                break;
            }
            long id = (Long) row[0];
            OffsetDateTime lease = claim(entity, id, (OffsetDateTime) row[1]);
            if (lease == null) {
                continue;
            }
            attempted++;
            try {
                attempt.accept(id, lease);
            } catch (RuntimeException e) {
                LOG.error("{} {} could not be recorded; counted as failed", entity, id, e);
                failSafe(entity, id, lease, backoff, maxAttempts);
            }
        }
        return attempted;
    }

    /** Claims a row seen due: its next attempt moves a lease ahead of now. Answers the lease, or null if taken. */
    private OffsetDateTime claim(String entity, long id, OffsetDateTime seen) {
        OffsetDateTime lease = Times.now().plus(LEASE);
        int claimed = db.write(em -> em.createQuery("UPDATE " + entity + " d SET d.nextAttemptAt = :lease"
                + " WHERE d.id = :id AND d.status = 'PENDING' AND d.nextAttemptAt = :seen")
                .setParameter("lease", lease).setParameter("id", id).setParameter("seen", seen).executeUpdate());
        return claimed == 1 ? lease : null;
    }

    /** Gives a claimed row back untouched (not an attempt: the platform is stopping, or the endpoint was disabled). */
    private void release(String entity, long id, OffsetDateTime lease) {
        db.write(em -> em.createQuery("UPDATE " + entity + " d SET d.nextAttemptAt = :now WHERE d.id = :id"
                + " AND d.nextAttemptAt = :lease").setParameter("now", Times.now()).setParameter("id", id)
                .setParameter("lease", lease).executeUpdate());
    }

    /** When recording an attempt fails: still count it, with its backoff, so that nothing loops. */
    private void failSafe(String entity, long id, OffsetDateTime lease, Duration backoff, int maxAttempts) {
        try {
            db.write(em -> {
                Number attempts = em.createQuery("SELECT d.attempts FROM " + entity + " d WHERE d.id = :id", Number.class)
                        .setParameter("id", id).getResultList().stream().findFirst().orElse(null);
                if (attempts == null) {
                    return null;
                }
                int n = attempts.intValue() + 1;
                boolean last = n >= maxAttempts;
                return em.createQuery("UPDATE " + entity + " d SET d.attempts = :n, d.status = :s, d.nextAttemptAt = :next"
                        + " WHERE d.id = :id AND d.nextAttemptAt = :lease").setParameter("n", n)
                        .setParameter("s", last ? "FAILED" : "PENDING")
                        .setParameter("next", last ? null : Times.now().plus(backoff(backoff, n)))
                        .setParameter("id", id).setParameter("lease", lease).executeUpdate();
            });
        } catch (RuntimeException e) {
            LOG.error("Could not count the attempt of {} {}; the lease retries it", entity, id, e);
        }
    }

    private record Target(String url, String secret, String event, String payload, long endpointId, boolean enabled) {}

    private record Answer(Integer status, String body, String error) {}

    private void attempt(long deliveryId, OffsetDateTime lease) {
        Target t = db.read(em -> {
            WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
            WebhookEndpointEntity w = d == null ? null : em.find(WebhookEndpointEntity.class, d.endpointId);
            return w == null ? null : new Target(w.url, w.secret, d.event, d.payload, w.id, w.enabled);
        });
        if (t == null) {
            return; // deleted meanwhile
        }
        if (!t.enabled()) {
            release("WebhookDeliveryEntity", deliveryId, lease); // disabled since it was seen due: it waits
            return;
        }
        long start = System.nanoTime();
        Answer answer = post(deliveryId, t);
        if (answer == null) {
            release("WebhookDeliveryEntity", deliveryId, lease); // the platform is stopping: not an attempt
            return;
        }
        record(deliveryId, lease, t, answer, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /** POSTs the delivery; answers what came back, or null when interrupted by a stop. */
    private Answer post(long deliveryId, Target t) {
        URI uri;
        try {
            uri = URI.create(t.url());
        } catch (IllegalArgumentException e) {
            return new Answer(null, null, "invalid address: " + e.getMessage());
        }
        String refusal = urls.refusal(uri.getHost()).orElse(null);
        if (refusal != null) {
            return new Answer(null, null, refusal);
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Guichets-Webhooks/1")
                .header("Guichets-Event", WebhookEvent.valueOf(t.event()).wireName())
                .header("Guichets-Delivery", String.valueOf(deliveryId))
                .header("Guichets-Signature", signature(t.secret(), timestamp, t.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(t.payload(), StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new Prefix(RESPONSE_KEPT));
        try {
            // the whole exchange, answer's body included, within the timeout
            HttpResponse<byte[]> response = call.get(settings.webhookTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), clean(new String(response.body(), StandardCharsets.UTF_8),
                    RESPONSE_KEPT), null);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Answer(null, null, "timed out after " + settings.webhookTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return new Answer(null, null, "timed out after " + settings.webhookTimeout().toSeconds() + " s");
            }
            return new Answer(null, null, clean(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), 500));
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Keeps the first {@code max} bytes of a body; with those, the body is complete and the rest is
     * not read (the connection is given up).
     */
    private static final class Prefix implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Prefix(int max) {
            this.max = max;
        }

        @Override
        public java.util.concurrent.CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), max - kept.size());
                byte[] chunk = new byte[n];
                b.get(chunk);
                kept.write(chunk, 0, n);
            }
            if (kept.size() >= max) {
                subscription.cancel();
                result.complete(kept.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.complete(kept.toByteArray()); // what came is kept; the status is what matters
        }

        @Override
        public void onComplete() {
            result.complete(kept.toByteArray());
        }
    }

    private void record(long deliveryId, OffsetDateTime lease, Target t, Answer a, long millis) {
        boolean ok = a.status() != null && a.status() >= 200 && a.status() < 300;
        String failure = ok ? null : a.error() != null ? a.error() : "HTTP " + a.status();
        db.write(em -> {
            WebhookDeliveryEntity d = em.find(WebhookDeliveryEntity.class, deliveryId);
            if (d == null || d.nextAttemptAt == null || !lease.isEqual(d.nextAttemptAt)) {
                return null; // deleted, or the lease ran out and another instance took it over
            }
            OffsetDateTime now = Times.now();
            d.attempts++;
            d.lastAttemptAt = now;
            d.responseStatus = a.status();
            d.responseBody = a.body();
            d.error = a.error();
            d.durationMillis = millis;
            if (ok) {
                d.status = WebhookDelivery.Status.DELIVERED.name();
                d.nextAttemptAt = null;
                // counters change in SQL, without the endpoint's version (JPQL would move it on): an owner's
                // edit never conflicts with a delivery
                em.createNativeQuery("UPDATE webhook_endpoint SET consecutive_failures = 0 WHERE id = "
                        + t.endpointId() + " AND consecutive_failures <> 0").executeUpdate();
                return null;
            }
            if (d.attempts >= settings.webhookMaxAttempts()) {
                d.status = WebhookDelivery.Status.FAILED.name();
                d.nextAttemptAt = null;
            } else {
                d.nextAttemptAt = now.plus(backoff(settings.webhookBackoff(), d.attempts));
            }
            em.createNativeQuery("UPDATE webhook_endpoint SET consecutive_failures = consecutive_failures + 1 WHERE id = "
                    + t.endpointId()).executeUpdate();
            if (settings.disableAfter() > 0) {
                int disabled = em.createNativeQuery("UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = 'failures'"
                        + " WHERE id = " + t.endpointId() + " AND enabled = TRUE AND consecutive_failures >= "
                        + settings.disableAfter()).executeUpdate();
                if (disabled == 1) {
                    disabled(em, t.endpointId(), failure);
                }
            }
            return null;
        });
    }

    /** The endpoint was just disabled for its failures: audited, and the organisation's managers told. */
    private void disabled(jakarta.persistence.EntityManager em, long endpointId, String failure) {
        Object[] w = em.createQuery("SELECT w.organizationId, w.url, w.consecutiveFailures FROM WebhookEndpointEntity w"
                + " WHERE w.id = :id", Object[].class).setParameter("id", endpointId).getSingleResult();
        long organizationId = (Long) w[0];
        AuditLog.append(em, Actor.system(), "webhook.autoDisabled", "webhook", endpointId, "failures", w[2],
                "lastError", failure);
        OrganizationEntity org = em.find(OrganizationEntity.class, organizationId);
        Outbox.mail(em, Outbox.managers(em, organizationId), "webhookDisabled", Map.of("url", (String) w[1], "failures",
                String.valueOf(w[2]), "error", failure, "organization", org == null ? "" : org.legalName,
                "link", "/entreprise/webhooks"));
        LOG.warn("Webhook endpoint {} ({}) disabled after {} failures in a row; last: {}", endpointId, w[1], w[2], failure);
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

    /** At most {@code max} characters, without NUL or other control characters but tab and line breaks. */
    static String clean(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && out.length() < max; i++) {
            char ch = s.charAt(i);
            out.append(ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' || ch == 0x7f ? '\uFFFD' : ch);
        }
        return out.toString();
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
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        List<Object[]> due = db.read(em -> em.createQuery("SELECT m.id, m.nextAttemptAt FROM MailEntity m"
                + " WHERE m.status = 'PENDING' AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt, m.id", Object[].class)
                .setParameter("now", at).setMaxResults(BATCH).getResultList());
        return attemptEach(due, "MailEntity", settings.mailBackoff(), settings.mailMaxAttempts(),
                (id, lease) -> sendMail(mail, id, lease));
    }

    private void sendMail(MailTransport mail, long id, OffsetDateTime lease) {
        MailEntity m = db.read(em -> em.find(MailEntity.class, id));
        if (m == null) {
            return;
        }
        String error = null;
        try {
            Map<String, String> params = new HashMap<>(
                    Outbox.JSON.readValue(m.params, new TypeReference<Map<String, String>>() {}));
            params.put("portal", settings.portal());
            MailTemplates.Rendered r = MailTemplates.render(m.template, m.language, params);
            mail.send(new MailTransport.OutgoingMail(m.recipient, r.subject(), r.text(), "<mail-" + m.id + "@guichets>"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release("MailEntity", id, lease);
            return;
        } catch (Exception e) {
            error = clean(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), 500);
            LOG.warn("Mail {} to {} not sent (attempt {}): {}", m.id, m.recipient, m.attempts + 1, error);
        }
        String failure = error;
        db.write(em -> {
            MailEntity fresh = em.find(MailEntity.class, id);
            if (fresh == null || fresh.nextAttemptAt == null || !lease.isEqual(fresh.nextAttemptAt)) {
                return null;
            }
            fresh.attempts++;
            fresh.error = failure;
            if (failure == null) {
                fresh.status = "SENT";
                fresh.sentAt = Times.now();
                fresh.nextAttemptAt = null;
            } else if (fresh.attempts >= settings.mailMaxAttempts()) {
                fresh.status = "FAILED";
                fresh.nextAttemptAt = null;
            } else {
                fresh.nextAttemptAt = Times.now().plus(backoff(settings.mailBackoff(), fresh.attempts));
            }
            return null;
        });
    }

    private long pendingMails() {
        return db.read(em -> em.createQuery("SELECT COUNT(m) FROM MailEntity m WHERE m.status = 'PENDING'", Long.class)
                .getSingleResult());
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEndpoint;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.api.notification.WebhookService.NewWebhook;
import org.guichets.core.internal.notification.NotificationDispatcher;
import org.guichets.core.internal.notification.WebhookServiceImpl;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** Webhooks: registration, signed delivery, retries with backoff, disabling, replay, and who may manage them. */
public class WebhookTest extends JourneyTestBase {

    /** A real HTTP endpoint on loopback that answers {@link #answer} and keeps what it received. */
    record Received(Map<String, String> headers, String body) {}

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private String url;

    @Before
    public void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            received.add(new Received(headers, new String(body, StandardCharsets.UTF_8)));
            byte[] reply = ("{\"seen\":" + received.size() + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get(), reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @After
    public void stopReceiver() {
        server.stop(0);
    }

    @Test
    public void eventsReachSubscribedEndpointsSignedAndLogged() throws Exception {
        NewWebhook hook = f.webhooks.register(m, m.organizationId(), url, "CI",
                Set.of(WebhookEvent.FORM_VALIDATED, WebhookEvent.CHAPTER_RETURNED));
        assertTrue("the secret is shown once, at registration", hook.secret().startsWith("whsec_"));
        Actor other = f.company("Autre");
        f.webhooks.register(other, other.organizationId(), url + "?other", null, Set.of(WebhookEvent.FORM_VALIDATED));

        formValidated("ELU");
        assertEquals("the form's two events are logged with the change", 2, count("notification_event"));
        assertEquals(2, f.dispatcher.drainEvents());
        assertEquals("each event told once", 0, count("notification_event"));
        assertEquals("candidature.submitted is not subscribed; the other company's endpoint hears nothing of Acme", 1,
                count("webhook_delivery"));
        assertEquals(1, f.dispatcher.sendWebhooks(Instant.now()));

        assertEquals(1, received.size());
        Received r = received.get(0);
        assertEquals("form.validated", r.headers().get("guichets-event"));
        String signature = r.headers().get("guichets-signature");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertEquals("HMAC-SHA256 over timestamp.body with the endpoint's secret",
                NotificationDispatcher.signature(hook.secret(), t, r.body()), signature);
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 60);
        JsonNode payload = new ObjectMapper().readTree(r.body());
        assertEquals("form.validated", payload.get("type").asText());
        assertEquals(c.number(), payload.get("data").get("candidature").asText());

        WebhookDelivery d = f.webhooks.deliveries(m, hook.endpoint().id(), 0, 10).items().get(0);
        assertEquals(WebhookDelivery.Status.DELIVERED, d.status());
        assertEquals(Integer.valueOf(200), d.responseStatus());
        assertEquals("{\"seen\":1}", d.responseBody());
        assertEquals(r.headers().get("guichets-delivery"), String.valueOf(d.id()));
        assertEquals(payload.get("id").asText(), d.eventId());
        assertEquals("nothing is due any more", 0, f.dispatcher.sendWebhooks(Instant.now().plusSeconds(3600)));
    }

    @Test
    public void failuresAreRetriedWithBackoffThenTheEndpointIsDisabledItsOwnerToldAndReplayWorks() throws Exception {
        answer.set(500);
        NewWebhook hook = f.webhooks.register(m, m.organizationId(), url, null, Set.of(WebhookEvent.MESSAGE_POSTED));
        long id = hook.endpoint().id();
        WebhookDelivery ping = f.webhooks.ping(m, id);
        Instant now = Instant.now();
        assertEquals(1, f.dispatcher.sendWebhooks(now));
        WebhookDelivery first = f.webhooks.deliveries(m, id, 0, 10).items().get(0);
        assertEquals(WebhookDelivery.Status.PENDING, first.status());
        assertEquals(1, first.attempts());
        assertEquals(Integer.valueOf(500), first.responseStatus());
        // backoff 1 s then 2 s (the fixture's base is one second): not retried before, retried after
        assertEquals(java.time.Duration.ofSeconds(1), java.time.Duration.between(first.lastAttemptAt(), first.nextAttemptAt()));
        assertEquals("not retried before its backoff", 0, f.dispatcher.sendWebhooks(first.nextAttemptAt().minusMillis(1)));
        assertEquals(1, f.dispatcher.sendWebhooks(first.nextAttemptAt()));
        WebhookDelivery second = f.webhooks.deliveries(m, id, 0, 10).items().get(0);
        assertEquals(java.time.Duration.ofSeconds(2), java.time.Duration.between(second.lastAttemptAt(), second.nextAttemptAt()));
        assertEquals(0, f.dispatcher.sendWebhooks(second.nextAttemptAt().minusMillis(1)));
        assertEquals(1, f.dispatcher.sendWebhooks(second.nextAttemptAt()));
        WebhookDelivery failed = f.webhooks.deliveries(m, id, 0, 10).items().get(0);
        assertEquals("three attempts at most", WebhookDelivery.Status.FAILED, failed.status());
        assertEquals(3, failed.attempts());
        assertEquals("each attempt reached the endpoint", 3, received.size());
        assertTrue(f.webhooks.endpoint(m, id).enabled());
        assertEquals(3, f.webhooks.endpoint(m, id).consecutiveFailures());

        // a fourth failure in a row disables the endpoint and tells its owner
        f.webhooks.ping(m, id);
        assertEquals(1, f.dispatcher.sendWebhooks(Instant.now()));
        WebhookEndpoint disabled = f.webhooks.endpoint(m, id);
        assertFalse(disabled.enabled());
        assertEquals("failures", disabled.disabledReason());
        assertEquals("its owner is told by mail", 1, count("mail_outbox WHERE template = 'webhookDisabled'"
                + " AND recipient = (SELECT email FROM account WHERE id = " + m.accountId() + ")"));
        assertEquals(1, count("audit_entry WHERE action_name = 'webhook.autoDisabled'"));
        assertEquals("a disabled endpoint is not attempted", 0, f.dispatcher.sendWebhooks(Instant.now().plusSeconds(60)));
        long queued = count("webhook_delivery");
        f.conversations.post(m, c.number(), "Bonjour");
        assertEquals(1, f.dispatcher.drainEvents());
        assertEquals("nor are new events queued to it", queued, count("webhook_delivery"));
        assertEquals("webhook.disabled", assertThrows(org.guichets.api.error.InvalidTransitionException.class,
                () -> f.webhooks.replay(m, failed.id())).code());

        answer.set(204);
        f.webhooks.setEnabled(m, id, true);
        assertEquals(0, f.webhooks.endpoint(m, id).consecutiveFailures());
        assertThrows("another company's delivery is not found", NotFoundException.class,
                () -> f.webhooks.delivery(f.company("Tierce"), failed.id()));
        assertEquals(failed.eventId(), f.webhooks.delivery(m, failed.id()).eventId());
        WebhookDelivery replay = f.webhooks.replay(m, failed.id());
        assertEquals(failed.id(), (long) replay.replayOf());
        assertTrue(f.dispatcher.sendWebhooks(Instant.now()) >= 1);
        WebhookDelivery done = f.webhooks.deliveries(m, id, 0, 50).items().stream().filter(d -> d.id() == replay.id())
                .findFirst().orElseThrow();
        assertEquals(WebhookDelivery.Status.DELIVERED, done.status());
        assertEquals("a replay carries the same event", ping.eventId(), done.eventId());
        assertEquals(received.get(0).body(), received.get(received.size() - 1).body());
    }

    @Test
    public void anUnreachableEndpointIsRecordedWithTheReason() throws Exception {
        server.stop(0);
        NewWebhook hook = f.webhooks.register(m, m.organizationId(), url, null, Set.of(WebhookEvent.MESSAGE_POSTED));
        f.webhooks.ping(m, hook.endpoint().id());
        assertEquals(1, f.dispatcher.sendWebhooks(Instant.now()));
        WebhookDelivery d = f.webhooks.deliveries(m, hook.endpoint().id(), 0, 10).items().get(0);
        assertNull(d.responseStatus());
        assertTrue(d.error(), d.error().contains("ConnectException"));
        assertEquals(WebhookDelivery.Status.PENDING, d.status());
        assertNotNull(d.nextAttemptAt());
        assertEquals("one test at a time", "webhook.pingPending", assertThrows(
                org.guichets.api.error.InvalidTransitionException.class, () -> f.webhooks.ping(m, hook.endpoint().id())).code());
    }

    @Test
    public void anAddressThatLeadsToALocalNetworkIsRefusedAtEachAttempt() throws Exception {
        // registered while allowed (or resolving elsewhere then), attempted under the default policy
        NewWebhook hook = f.webhooks.register(m, m.organizationId(), url.replace("127.0.0.1", "localhost"), null,
                Set.of(WebhookEvent.MESSAGE_POSTED));
        f.webhooks.ping(m, hook.endpoint().id());
        NotificationDispatcher strict = f.dispatcher(false, java.time.Duration.ofSeconds(5));
        try {
            assertEquals(1, strict.sendWebhooks(Instant.now()));
        } finally {
            strict.close();
        }
        WebhookDelivery d = f.webhooks.deliveries(m, hook.endpoint().id(), 0, 10).items().get(0);
        assertTrue(d.error(), d.error().startsWith("refused: localhost resolves to the local or private address"));
        assertEquals("nothing reached the address", 0, received.size());
    }

    @Test
    public void aSlowOrEndlessAnswerHoldsNothingUp() throws Exception {
        server.createContext("/endless", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked, never ends
            byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 100_000; i++) {
                    exchange.getResponseBody().write(chunk);
                }
            } catch (java.io.IOException e) {
                // the client went away, as it should
            } finally {
                exchange.close();
            }
        });
        server.createContext("/silent", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        NewWebhook endless = f.webhooks.register(m, m.organizationId(), url.replace("/hook", "/endless"), null,
                Set.of(WebhookEvent.MESSAGE_POSTED));
        NewWebhook silent = f.webhooks.register(m, m.organizationId(), url.replace("/hook", "/silent"), null,
                Set.of(WebhookEvent.MESSAGE_POSTED));
        f.webhooks.ping(m, endless.endpoint().id());
        f.webhooks.ping(m, silent.endpoint().id());
        NotificationDispatcher quick = f.dispatcher(true, java.time.Duration.ofSeconds(1));
        try {
            assertEquals(2, quick.sendWebhooks(Instant.now()));
        } finally {
            quick.close();
        }
        WebhookDelivery kept = f.webhooks.deliveries(m, endless.endpoint().id(), 0, 1).items().get(0);
        assertEquals(WebhookDelivery.Status.DELIVERED, kept.status());
        assertEquals("the start of the answer only", 2000, kept.responseBody().length());
        WebhookDelivery timedOut = f.webhooks.deliveries(m, silent.endpoint().id(), 0, 1).items().get(0);
        assertEquals(WebhookDelivery.Status.PENDING, timedOut.status());
        assertEquals("timed out after 1 s", timedOut.error());
    }

    @Test
    public void badAddressesAreRefusedByTheDefaultPolicy() {
        WebhookServiceImpl strict = new WebhookServiceImpl(f.db, f.dispatcher, false);
        Map<String, String> cases = Map.of("http://hooks.example.com/x", "webhook.https",
                "https://127.0.0.1/x", "webhook.privateAddress", "https://10.1.2.3/x", "webhook.privateAddress",
                "https://[::1]/x", "webhook.privateAddress", "https://localhost/x", "webhook.privateAddress",
                "ftp://hooks.example.com/x", "webhook.url", "https://user:pw@hooks.example.com/x", "webhook.url",
                "not a url", "webhook.url");
        cases.forEach((bad, code) -> {
            ValidationException e = assertThrows(bad, ValidationException.class,
                    () -> strict.register(m, m.organizationId(), bad, null, Set.of(WebhookEvent.MESSAGE_POSTED)));
            assertEquals(bad, code, e.errors().get(0).code());
            assertEquals("url", e.errors().get(0).field());
        });
        ValidationException none = assertThrows(ValidationException.class,
                () -> strict.register(m, m.organizationId(), "https://hooks.example.com/x", null, Set.of()));
        assertEquals("webhook.events", none.errors().get(0).code());
        assertEquals(0, count("webhook_endpoint"));
    }

    @Test
    public void R01_onlyTheCompanysManagersManageItsEndpoints() {
        NewWebhook hook = f.webhooks.register(m, m.organizationId(), url, null, Set.of(WebhookEvent.MESSAGE_POSTED));
        long id = hook.endpoint().id();
        Actor responsable = f.member(m, OrganizationRole.RESPONSABLE);
        assertEquals(1, f.webhooks.endpoints(responsable, m.organizationId()).size());
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        assertThrows(AccessDeniedException.class, () -> f.webhooks.endpoints(salarie, m.organizationId()));
        assertThrows(AccessDeniedException.class, () -> f.webhooks.register(salarie, m.organizationId(), url, null,
                Set.of(WebhookEvent.MESSAGE_POSTED)));
        Actor foreign = f.company("Autre");
        assertThrows(AccessDeniedException.class, () -> f.webhooks.endpoints(foreign, m.organizationId()));
        assertThrows(NotFoundException.class, () -> f.webhooks.endpoint(foreign, id));
        assertThrows(NotFoundException.class, () -> f.webhooks.delete(foreign, id));
        assertThrows("the agency does not manage a company's webhooks", AccessDeniedException.class,
                () -> f.webhooks.endpoints(reviewer, m.organizationId()));
        f.identity.disable(m, responsable.accountId());
        assertThrows("a manager disabled since sign-in is refused at once", AccessDeniedException.class,
                () -> f.webhooks.endpoints(responsable, m.organizationId()));

        WebhookEndpoint updated = f.webhooks.update(m, id, hook.endpoint().version(), url + "/v2", "Prod",
                Set.of(WebhookEvent.CHAPTER_RETURNED, WebhookEvent.PING));
        assertEquals(Set.of(WebhookEvent.CHAPTER_RETURNED), updated.events());
        assertTrue(updated.version() > hook.endpoint().version());
        ConflictException stale = assertThrows(ConflictException.class, () -> f.webhooks.update(m, id,
                hook.endpoint().version(), url, null, Set.of(WebhookEvent.MESSAGE_POSTED)));
        assertEquals(updated.version(), stale.currentVersion());
        f.webhooks.delete(m, id);
        assertEquals(0, count("webhook_endpoint"));
        assertTrue(f.audit.verify(Actor.system()).intact());
    }
}

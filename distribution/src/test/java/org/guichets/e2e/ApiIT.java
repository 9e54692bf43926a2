package org.guichets.e2e;

import static org.guichets.e2e.Embedded.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.guichets.api.EvidenceKind;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The integrators' REST API end to end, over HTTP only (Guichets embedded in the test's JVM, a real
 * SMTP server, a real webhook receiver): a vendor's tool registers a product, applies to the
 * Guichet Editeur, fills and submits the form, deposits every piece of evidence chapter by chapter
 * (R-08, R-16), reads the conversation; a reviewer's tool validates the form, claims the
 * candidature from the queue, returns a chapter with a comment (R-17), then validates everything;
 * the committee decides (R-21) and the signed habilitation is downloaded and verified. The company's
 * webhook endpoint receives each event signed; the mails arrive in the SMTP server. Every answer is
 * checked against the OpenAPI document, and every documented operation must be exercised. Then the
 * refusals: no token, a bad or revoked token, a read-only token writing, a foreign organisation, a
 * candidate at the reviewers' queue, invalid fields, stale versions, bad JSON, unknown routes.
 */
public class ApiIT {

    private static final String PASSWORD = "un mot de passe assez long";
    /** The SMTP server's settings; webhooks to loopback and a quick poll come with {@link Embedded#SETTINGS}. */
    private static final List<String> SETTINGS = List.of("guichets.smtp.host", "guichets.smtp.port",
            "guichets.smtp.security");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static GreenMail smtp;

    @BeforeClass
    public static void smtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        System.setProperty("guichets.smtp.host", "127.0.0.1");
        System.setProperty("guichets.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        System.setProperty("guichets.smtp.security", "none");
    }

    @AfterClass
    public static void stopSmtp() {
        SETTINGS.forEach(System::clearProperty);
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    public void anEditeurJourneyOverHttpWithWebhooksAndMails() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        HookReceiver receiver = new HookReceiver();
        List<HookReceiver.Hook> hooks = receiver.hooks();
        try (Main.Embedded guichets = Embedded.start(work)) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(services, IdentityService.class);
            ApiTokenService tokens = await(services, ApiTokenService.class);
            Embedded.awaitEdcPsc(services);

            // accounts and their tokens (created on the portal in real life: IntegrationsPortalIT)
            identity.registerOrganization(new NewOrganization("Acme Santé", "73282932000074", "5710",
                    new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                    new NewAccount("jeanne@acme-sante.fr", "Jeanne Martin", PASSWORD.toCharArray(), null));
            Actor vendor = identity.authenticate("jeanne@acme-sante.fr", PASSWORD.toCharArray());
            String vendorToken = tokens.create(vendor, "CI", Set.of(ApiScope.READ, ApiScope.WRITE), null).secret();
            String readOnly = tokens.create(vendor, "tableau de bord", Set.of(ApiScope.READ), null).secret();
            String reviewerToken = tokens.create(staff(identity, "ines@agence.example", PlatformRole.REVIEWER), "instruction",
                    Set.of(ApiScope.READ, ApiScope.WRITE), null).secret();
            String committeeToken = tokens.create(staff(identity, "claire@agence.example", PlatformRole.COMMITTEE),
                    "collège", Set.of(ApiScope.WRITE), null).secret();
            identity.registerOrganization(new NewOrganization("Autre Éditeur", "44306184100047", "5710",
                    new Address("2 rue Haute", "69001", "Lyon", "FR"), "Paul Autre"),
                    new NewAccount("paul@autre.fr", "Paul Autre", PASSWORD.toCharArray(), null));
            String foreignToken = tokens.create(identity.authenticate("paul@autre.fr", PASSWORD.toCharArray()), "x",
                    Set.of(ApiScope.READ, ApiScope.WRITE), null).secret();

            Api api = new Api("http://localhost:" + guichets.port());
            Api reviewer = new Api("http://localhost:" + guichets.port()).as(reviewerToken);
            Api committee = new Api("http://localhost:" + guichets.port()).as(committeeToken);
            api.as(vendorToken);

            // who am I, what can I apply to
            JsonNode me = api.get("/v1/me").expect(200).json();
            assertEquals("jeanne@acme-sante.fr", me.path("email").asText());
            JsonNode schemes = api.get("/v1/schemes").expect(200).json();
            JsonNode edc = find(schemes.path("items"), "id", "edc-psc");
            assertNotNull("EDC PSC deployed", edc);
            assertNotNull(find(edc.path("guichets"), "id", "editeur"));

            // the company's webhook endpoint: the secret is in the answer only
            JsonNode hook = api.post("/v1/webhooks", Map.of("url", receiver.url(), "description", "CI", "events", List.of("candidature.submitted", "form.validated",
                    "chapter.returned", "chapter.validated", "decision.taken", "message.posted", "deliverable.issued")))
                    .expect(201).json();
            String secret = hook.path("secret").asText();
            long hookId = hook.path("endpoint").path("id").asLong();
            assertTrue(secret.startsWith("whsec_"));
            assertFalse("the secret is never listed", api.get("/v1/webhooks").expect(200).text().contains(secret));
            JsonNode endpoint = api.get("/v1/webhooks/" + hookId).expect(200).json();
            Map<String, Object> change = Map.of("url", hook.path("endpoint").path("url").asText(), "description", "CI (prod)",
                    "events", List.of("candidature.submitted", "form.validated", "chapter.returned", "chapter.validated",
                            "decision.taken", "message.posted", "deliverable.issued"));
            api.send("PUT", "/v1/webhooks/" + hookId, "application/json", Api.JSON.writeValueAsBytes(change),
                    Map.of("If-Match", "\"" + (endpoint.path("version").asLong() + 1) + "\"")).problem(412, "conflict.stale");
            api.send("PUT", "/v1/webhooks/" + hookId, "application/json", Api.JSON.writeValueAsBytes(change),
                    Map.of("If-Match", "\"" + endpoint.path("version").asLong() + "\"")).expect(200);
            assertFalse(api.post("/v1/webhooks/" + hookId + "/disable", Map.of()).expect(200).json().path("enabled").asBoolean());
            api.post("/v1/webhooks/" + hookId + "/ping", Map.of()).problem(409, "webhook.disabled");
            assertTrue(api.post("/v1/webhooks/" + hookId + "/enable", Map.of()).expect(200).json().path("enabled").asBoolean());
            api.post("/v1/webhooks/" + hookId + "/ping", Map.of()).expect(202);

            // a product, then a stale edit refused with the current version
            JsonNode product = api.post("/v1/products", Map.of("name", "Agenda Santé", "softwareVersion", "2.1", "nil",
                    "NIL-AGENDA", "responsableId", vendor.accountId(), "description", "Agenda partagé des cabinets",
                    "interests", List.of("ESPACE_DE_CONFIANCE_PSC"))).expect(201).json();
            long productId = product.path("id").asLong();
            long productVersion = product.path("version").asLong();
            Map<String, Object> edit = new LinkedHashMap<>(Map.of("name", "Agenda Santé", "softwareVersion", "2.2",
                    "nil", "NIL-AGENDA", "responsableId", vendor.accountId(), "description", "Agenda partagé",
                    "interests", List.of("ESPACE_DE_CONFIANCE_PSC")));
            JsonNode stale = api.send("PUT", "/v1/products/" + productId, "application/json", Api.JSON.writeValueAsBytes(edit),
                    Map.of("If-Match", "\"" + (productVersion + 7) + "\"")).problem(412, "conflict.stale");
            assertEquals(productVersion, stale.path("currentVersion").asLong());
            edit.put("version", productVersion);
            JsonNode updated = api.put("/v1/products/" + productId, edit).expect(200).json();
            assertEquals("2.2", updated.path("softwareVersion").asText());
            JsonNode conflict = api.put("/v1/products/" + productId, edit).problem(409, "conflict.stale");
            assertEquals(updated.path("version").asLong(), conflict.path("currentVersion").asLong());
            assertEquals(1, api.get("/v1/products?q=Agenda").expect(200).json().path("total").asInt());
            api.get("/v1/products/" + productId).expect(200);

            // the candidature and its form
            JsonNode candidature = api.post("/v1/candidatures", Map.of("productId", productId, "dispositif", "edc-psc",
                    "guichet", "editeur")).expect(201).json();
            String number = candidature.path("number").asText();
            assertTrue(number, number.matches("[A-Z]{10}"));
            assertEquals(1, api.get("/v1/candidatures?productId=" + productId).expect(200).json().path("total").asInt());
            api.get("/v1/candidatures/" + number).expect(200);
            String c = "/v1/candidatures/" + number;
            JsonNode form = api.get(c + "/form").expect(200).json();
            form = api.put(c + "/form", Map.of("version", form.path("version").asLong(), "values", Map.of("profiles", "ELU",
                    "nie", "NIE-ACME-00", "nil", "NIL-AGENDA", "datapass", "DP-2026-0042", "clientIdBas", "bas-agenda-42",
                    "additionalComponents", "aucun", "architecture", "web", "plannedDeposit", "2027-01-15"))).expect(200).json();
            assertEquals(100, form.path("completionPercent").asInt());
            api.post(c + "/form/submit", Map.of("version", form.path("version").asLong())).expect(200);

            // the reviewer: queue, claim, return the form once, then validate it
            JsonNode queue = reviewer.get("/v1/queue?status=AGENCY&limit=10").expect(200).json();
            assertNotNull(find(queue.path("items"), "candidatureNumber", number));
            reviewer.post("/v1/queue/" + number + "/claim", Map.of()).expect(200);
            JsonNode reviewed = reviewer.get(c + "/form").expect(200).json();
            reviewed = reviewer.post(c + "/form/return", Map.of("version", reviewed.path("version").asLong(),
                    "fieldComments", Map.of("nie", "Ce NIE ne correspond pas à l'annuaire."), "message", "À corriger"))
                    .expect(200).json();
            assertEquals("RETURNED", reviewed.path("state").asText());
            JsonNode corrected = api.get(c + "/form").expect(200).json();
            assertEquals("Ce NIE ne correspond pas à l'annuaire.", corrected.path("fieldComments").path("nie").asText());
            Map<String, Object> values = new LinkedHashMap<>();
            corrected.path("values").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
            values.put("nie", "NIE-ACME-01");
            corrected = api.put(c + "/form", Map.of("version", corrected.path("version").asLong(), "values", values))
                    .expect(200).json();
            api.post(c + "/form/submit", Map.of("version", corrected.path("version").asLong())).expect(200);
            JsonNode toValidate = reviewer.get(c + "/form").expect(200).json();
            reviewer.post(c + "/form/validate", Map.of("version", toValidate.path("version").asLong())).expect(200);

            // the evidence: a file per piece, each chapter submitted
            JsonNode deposit = api.get(c + "/chapters").expect(200).json();
            List<String> chapters = new ArrayList<>();
            deposit.path("chapters").forEach(ch -> chapters.add(ch.path("chapterId").asText()));
            assertFalse(chapters.isEmpty());
            long extraFile = -1;
            String inOneDeposit = chapters.size() > 1 ? chapters.get(chapters.size() - 1) : null;
            for (String chapter : chapters) {
                JsonNode view = api.get(c + "/chapters/" + chapter).expect(200).json();
                if (chapter.equals(inOneDeposit)) {
                    // the last chapter's files in one multipart deposit, all or none
                    Map<String, Map.Entry<String, String>> parts = new LinkedHashMap<>();
                    for (JsonNode r : view.path("requirements")) {
                        for (JsonNode e : r.path("evidence")) {
                            parts.put(r.path("ref").asText() + "/" + e.path("id").asText(),
                                    Pieces.piece(EvidenceKind.valueOf(e.path("kind").asText()), e.path("id").asText()));
                        }
                    }
                    String key = parts.keySet().iterator().next();
                    Map<String, Map.Entry<String, String>> withEmpty = new LinkedHashMap<>(parts);
                    withEmpty.put(key + "#vide", Map.entry("vide.pdf", ""));
                    JsonNode refused = multipart(api, c + "/chapters/" + chapter + "/files", withEmpty).expect(422).json();
                    assertEquals(refused.toString(), "files[" + parts.size() + "]", refused.path("errors").get(0).path("field").asText());
                    assertEquals(refused.toString(), "file.empty", refused.path("errors").get(1).path("code").asText());
                    assertEquals("nothing of a refused deposit is kept", 0,
                            api.get(c + "/chapters/" + chapter).expect(200).json().path("files").size());
                    api.send("POST", c + "/chapters/" + chapter + "/files", "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                            Map.of()).problem(415, "api.unsupportedMediaType");
                    api.send("POST", c + "/chapters/" + chapter + "/files", "multipart/form-data",
                            "pas de délimiteur".getBytes(StandardCharsets.UTF_8), Map.of()).problem(400, "api.badParameter");
                    Map<String, Map.Entry<String, String>> unnamed = Map.of("sans-preuve", Map.entry("a.pdf", "%PDF-1.7\n"));
                    api.send("POST", c + "/chapters/" + chapter + "/files", "multipart/form-data; boundary=x",
                            multipartBody("x", unnamed), Map.of()).problem(400, "api.badParameter");
                    JsonNode deposited = multipart(api, c + "/chapters/" + chapter + "/files", parts).expect(201).json();
                    assertEquals(parts.size(), deposited.path("items").size());
                    assertEquals(parts.values().iterator().next().getKey(), deposited.path("items").get(0).path("fileName").asText());
                    assertEquals(parts.size(), api.get(c + "/chapters/" + chapter).expect(200).json().path("files").size());
                }
                for (JsonNode r : chapter.equals(inOneDeposit) ? Api.JSON.createArrayNode() : view.path("requirements")) {
                    for (JsonNode e : r.path("evidence")) {
                        Map.Entry<String, String> piece = Pieces.piece(EvidenceKind.valueOf(e.path("kind").asText()),
                                e.path("id").asText());
                        String path = c + "/chapters/" + chapter + "/requirements/" + r.path("ref").asText() + "/evidence/"
                                + e.path("id").asText() + "/files?fileName=" + piece.getKey();
                        JsonNode file = api.send("POST", path, "application/octet-stream",
                                piece.getValue().getBytes(StandardCharsets.UTF_8), Map.of()).expect(201).json();
                        assertEquals(piece.getKey(), file.path("fileName").asText());
                        if (extraFile < 0 && piece.getKey().endsWith(".pdf")) {
                            // a second copy, deleted before submission (R-16: several files per piece)
                            extraFile = api.send("POST", path.replace(piece.getKey(), "copie.pdf"), "application/pdf",
                                    piece.getValue().getBytes(StandardCharsets.UTF_8), Map.of()).expect(201).json()
                                    .path("id").asLong();
                            Api.Reply download = api.get(c + "/files/" + extraFile).expect(200);
                            assertEquals(piece.getValue(), download.text());
                            assertEquals("application/pdf", download.header("Content-Type"));
                            api.delete(c + "/files/" + extraFile).expect(204);
                            // an empty file is refused with its reason, nothing stored
                            JsonNode empty = api.send("POST", path.replace(piece.getKey(), "vide.pdf"), "application/pdf",
                                    new byte[0], Map.of()).expect(422).json();
                            assertEquals(empty.toString(), "file.empty", empty.path("errors").get(0).path("code").asText());
                        }
                    }
                }
                JsonNode progress = api.get(c + "/chapters/" + chapter).expect(200).json().path("progress");
                api.post(c + "/chapters/" + chapter + "/submit", Map.of("version", progress.path("version").asLong()))
                        .expect(200);
            }
            String first = chapters.get(0);
            // the reviewer returns the first chapter with a comment (R-17), the vendor replaces the file
            JsonNode returnedChapter = review(reviewer, c, first, "NON_CONFORM", "Capture illisible");
            assertEquals("RETURNED", returnedChapter.path("progress").path("state").asText());
            JsonNode again = api.get(c + "/chapters/" + first).expect(200).json();
            JsonNode bad = again.path("files").get(0);
            assertEquals("Capture illisible", bad.path("comment").asText());
            String replacePath = c + "/chapters/" + first + "/requirements/" + bad.path("requirementRef").asText()
                    + "/evidence/" + bad.path("evidenceId").asText() + "/files?fileName=" + bad.path("fileName").asText();
            api.delete(c + "/files/" + bad.path("id").asLong()).expect(204);
            Map.Entry<String, String> fresh = Pieces.piece(EvidenceKind.valueOf(again.path("requirements").get(0)
                    .path("evidence").get(0).path("kind").asText()), bad.path("evidenceId").asText());
            api.send("POST", replacePath, "application/octet-stream", fresh.getValue().getBytes(StandardCharsets.UTF_8),
                    Map.of()).expect(201);
            api.post(c + "/chapters/" + first + "/submit", Map.of("version", api.get(c + "/chapters/" + first).expect(200)
                    .json().path("progress").path("version").asLong())).expect(200);
            for (String chapter : chapters) {
                assertEquals("VALIDATED", review(reviewer, c, chapter, "CONFORM", null).path("progress").path("state").asText());
            }

            // the conversation
            reviewer.post(c + "/messages", Map.of("body", "Dossier complet, transmis au collège.")).expect(201);
            JsonNode conversation = api.get(c + "/messages").expect(200).json();
            assertEquals(1, conversation.path("unread").asInt());
            api.post(c + "/messages/read", Map.of()).expect(204);
            assertEquals("Dossier complet, transmis au collège.", conversation.path("messages").get(0).path("body").asText());
            assertEquals(0, api.get(c + "/messages").expect(200).json().path("unread").asInt());

            // the committee decides; the signed habilitation follows
            committee.post(c + "/decision", Map.of("outcome", "FAVOURABLE", "reason", "Conforme")).expect(201);
            assertEquals("FAVOURABLE", api.get(c + "/decision").expect(200).json().path("outcome").asText());
            // every deliverable signed (R-18's authorisation, R-21's habilitation): no event follows
            JsonNode signed = Embedded.eventually("the signed habilitation", () -> {
                JsonNode items = api.get(c + "/deliverables").expect(200).json().path("items");
                boolean habilitation = false;
                for (JsonNode d : items) {
                    if (!"VALID".equals(d.path("status").asText())) {
                        return java.util.Optional.empty();
                    }
                    habilitation |= "habilitation".equals(d.path("kind").asText());
                }
                return habilitation ? java.util.Optional.of(items) : java.util.Optional.empty();
            });
            JsonNode deliverable = null;
            for (JsonNode d : signed) {
                deliverable = "habilitation".equals(d.path("kind").asText()) ? d : deliverable;
            }
            String id = deliverable.path("id").asText();
            api.get("/v1/deliverables/" + id).expect(200);
            Api.Reply pdf = api.get("/v1/deliverables/" + id + "/pdf").expect(200);
            assertEquals("application/pdf", pdf.header("Content-Type"));
            JsonNode verified = api.send("POST", "/v1/deliverables/verify", "application/pdf", pdf.bytes(), Map.of())
                    .expect(200).json();
            assertTrue(verified.toString(), verified.path("valid").asBoolean());
            assertEquals(id, verified.path("deliverable").path("id").asText());
            byte[] forged = pdf.bytes().clone();
            forged[forged.length / 3] ^= 0x01; // one bit of the signed content
            assertFalse(api.send("POST", "/v1/deliverables/verify", "application/pdf", forged, Map.of()).expect(200).json()
                    .path("valid").asBoolean());

            // the webhook endpoint heard every event, each signed with its secret
            Embedded.eventually("the webhook deliveries", () -> hooks.stream().filter(h -> "deliverable.issued"
                    .equals(h.event())).count() == signed.size() ? java.util.Optional.of(true) : java.util.Optional.empty());
            for (HookReceiver.Hook h : hooks) {
                long t = Long.parseLong(h.signature().replaceAll("t=(\\d+),.*", "$1"));
                assertEquals(h.event(), "t=" + t + ",v1=" + HookReceiver.hmac(secret, t + "." + h.body()), h.signature());
                assertEquals(h.event(), Api.JSON.readTree(h.body()).path("type").asText());
            }
            List<String> events = hooks.stream().map(HookReceiver.Hook::event).toList();
            for (String expected : List.of("ping", "candidature.submitted", "form.validated", "chapter.returned",
                    "chapter.validated", "message.posted", "decision.taken", "deliverable.issued")) {
                assertTrue(expected + " in " + events, events.contains(expected));
            }
            // events still in flight (the second deliverable's) settle: every delivery made, and each received
            JsonNode deliveries = Embedded.eventually("every delivery made", () -> {
                long received = hooks.stream().map(HookReceiver.Hook::delivery).distinct().count();
                JsonNode page = api.get("/v1/webhooks/" + hookId + "/deliveries?limit=200").expect(200).json();
                for (JsonNode d : page.path("items")) {
                    if (!"DELIVERED".equals(d.path("status").asText())) {
                        return java.util.Optional.empty();
                    }
                }
                return page.path("total").asLong() == received ? java.util.Optional.of(page) : java.util.Optional.empty();
            });
            assertEquals("every delivery reached the receiver", hooks.stream().map(HookReceiver.Hook::delivery).distinct().count(),
                    deliveries.path("total").asLong());
            assertNotNull("a Link to the next page", api.get("/v1/webhooks/" + hookId + "/deliveries?limit=5").header("Link"));
            JsonNode last = deliveries.path("items").get(0);
            assertEquals("DELIVERED", last.path("status").asText());
            assertEquals(last.path("eventId").asText(), api.get("/v1/webhooks/" + hookId + "/deliveries/"
                    + last.path("id").asLong()).expect(200).json().path("eventId").asText());
            api.post("/v1/webhooks/" + hookId + "/deliveries/" + last.path("id").asLong() + "/replay", Map.of()).expect(202);
            Embedded.eventually("the replay", () -> hooks.stream().filter(h -> h.body().equals(hooks.stream()
                    .filter(x -> x.delivery().equals(String.valueOf(last.path("id").asLong()))).findFirst()
                    .map(HookReceiver.Hook::body).orElse("?"))).count() == 2 ? java.util.Optional.of(true) : java.util.Optional.empty());

            // the mails arrived through SMTP: the returned chapter, the message, the habilitation
            assertTrue("mails arrive", smtp.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), 3));
            Embedded.eventually("the habilitation's mail", () -> java.util.Arrays.stream(smtp.getReceivedMessages())
                    .anyMatch(m -> subject(m).startsWith("Document délivré")) ? java.util.Optional.of(true)
                    : java.util.Optional.empty());
            List<String> subjects = java.util.Arrays.stream(smtp.getReceivedMessages()).map(ApiIT::subject).toList();
            assertTrue(subjects.toString(), subjects.stream().anyMatch(s -> s.startsWith("Chapitre « ") && s.endsWith(number)));
            assertTrue(subjects.toString(), subjects.contains("Nouveau message sur la candidature " + number));
            assertTrue(subjects.toString(), subjects.contains("Formulaire à corriger — candidature " + number));
            MimeMessage message = java.util.Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> subject(m).startsWith("Nouveau message")).findFirst().orElseThrow();
            assertEquals("jeanne@acme-sante.fr", message.getAllRecipients()[0].toString());
            assertTrue(GreenMailUtil.getBody(message), GreenMailUtil.getBody(message).contains("/candidature/" + number));

            // ---------------------------------------------------------------- refusals
            Api anonymous = new Api("http://localhost:" + guichets.port());
            assertEquals("3.1.0", anonymous.get("/openapi.json").expect(200).json().path("openapi").asText());
            Api.Reply none = anonymous.get("/v1/products");
            none.problem(401, "api.unauthenticated");
            assertTrue(none.header("WWW-Authenticate").startsWith("Bearer"));
            anonymous.as("gch_notatoken").get("/v1/products").problem(401, "token.invalid");
            Api reader = new Api("http://localhost:" + guichets.port()).as(readOnly);
            reader.get("/v1/products").expect(200);
            reader.post("/v1/products", Map.of("name", "X")).problem(403, "token.scope");
            assertTrue("verifying changes nothing: the read scope suffices", reader.send("POST", "/v1/deliverables/verify",
                    "application/pdf", pdf.bytes(), Map.of()).expect(200).json().path("valid").asBoolean());
            Api foreign = new Api("http://localhost:" + guichets.port()).as(foreignToken);
            foreign.get(c).problem(404, "not.found");
            foreign.get("/v1/products/" + productId).problem(404, "not.found");
            foreign.get(c + "/files/" + bad.path("id").asLong()).expect(404);
            foreign.get("/v1/deliverables/" + id + "/pdf").expect(404);
            api.get("/v1/queue").problem(403, "access.denied");
            api.post(c + "/form/validate", Map.of("version", 1)).expect(403);
            reviewer.post(c + "/decision", Map.of("outcome", "FAVOURABLE")).expect(403);
            JsonNode invalid = api.post("/v1/products", Map.of("softwareVersion", "1")).problem(422, "validation.failed");
            assertTrue(invalid.toString(), invalid.path("errors").findValuesAsText("field").contains("name"));
            api.language = "en";
            JsonNode english = api.post("/v1/products", Map.of("softwareVersion", "1")).expect(422).json();
            assertTrue(english.toString(), english.path("errors").get(0).path("message").asText().contains("required"));
            api.language = "fr";
            api.send("POST", "/v1/products", "application/json", "{not json".getBytes(StandardCharsets.UTF_8), Map.of())
                    .problem(400, "api.badJson");
            api.send("POST", "/v1/products", "text/plain", "x".getBytes(StandardCharsets.UTF_8), Map.of())
                    .problem(415, "api.unsupportedMediaType");
            api.get("/v1/nothing-here").problem(404, "api.notFound");
            api.send("PATCH", "/v1/products", null, null, Map.of()).problem(405, "api.methodNotAllowed");
            api.get("/v1/products?limit=500").problem(400, "api.badParameter");

            // a revoked token stops at once
            long tokenId = api.get("/v1/me").expect(200).json().path("tokenId").asLong();
            tokens.revoke(vendor, tokenId);
            api.get("/v1/me").problem(401, "token.invalid");

            api.as(foreignToken);
            JsonNode ownHook = api.post("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/none", "events",
                    List.of("deliverable.revoked"))).expect(201).json();
            api.delete("/v1/webhooks/" + ownHook.path("endpoint").path("id").asLong()).expect(204);
            foreign.get("/v1/webhooks/" + hookId).expect(404);

            Set<String> missing = new java.util.TreeSet<>(api.unexercised());
            missing.retainAll(reviewer.unexercised());
            missing.retainAll(committee.unexercised());
            missing.retainAll(reader.unexercised());
            missing.retainAll(anonymous.unexercised());
            assertEquals("every documented operation is exercised with a success", Set.of(), missing);
        } finally {
            receiver.close();
        }
    }

    private static JsonNode review(Api reviewer, String c, String chapter, String verdict, String comment) {
        JsonNode view = reviewer.get(c + "/chapters/" + chapter).expect(200).json();
        Map<String, Object> verdicts = new LinkedHashMap<>();
        view.path("files").forEach(f -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("verdict", verdicts.isEmpty() ? verdict : "CONFORM");
            if (comment != null && verdicts.isEmpty()) {
                v.put("comment", comment);
            }
            verdicts.put(f.path("id").asText(), v);
        });
        return reviewer.post(c + "/chapters/" + chapter + "/review", Map.of("version",
                view.path("progress").path("version").asLong(), "verdicts", verdicts)).expect(200).json();
    }

    private static Actor staff(IdentityService identity, String email, PlatformRole role) {
        identity.createStaffAccount(Actor.system(), new NewAccount(email, email, PASSWORD.toCharArray(), null), Set.of(role));
        return identity.authenticate(email, PASSWORD.toCharArray());
    }

    private static JsonNode find(JsonNode items, String field, String value) {
        for (JsonNode n : items) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        return null;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A {@code multipart/form-data} deposit: one file part per entry, named by its key (up to a
     * {@code #}, so that one piece may take two files) with the entry's file name and content.
     */
    private static Api.Reply multipart(Api api, String path, Map<String, Map.Entry<String, String>> files) {
        String boundary = "guichets-" + java.util.UUID.randomUUID();
        return api.send("POST", path, "multipart/form-data; boundary=" + boundary, multipartBody(boundary, files), Map.of());
    }

    private static byte[] multipartBody(String boundary, Map<String, Map.Entry<String, String>> files) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        files.forEach((name, file) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name.split("#")[0] + "\"; filename=\"" + file.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                + file.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}

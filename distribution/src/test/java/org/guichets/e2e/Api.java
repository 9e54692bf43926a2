package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The REST API as an integrator meets it: plain HTTP calls with a bearer token (no service
 * shortcut), each answer checked against the OpenAPI document the platform serves
 * ({@code /api/openapi.json}): the status must be documented for the operation, and a JSON body
 * must validate against the documented schema. Records which operations were exercised, so that a
 * test can require every documented one.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer. */
    record Reply(int status, java.net.http.HttpHeaders headers, byte[] bytes) {
        JsonNode json() {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        Reply expect(int expected) {
            assertEquals(text(), expected, status);
            return this;
        }

        /** A problem document with this status and code. */
        JsonNode problem(int expected, String code) {
            expect(expected);
            assertTrue(header("Content-Type"), header("Content-Type").startsWith("application/problem+json"));
            JsonNode p = json();
            assertEquals(text(), code, p.path("code").asText());
            assertEquals(expected, p.path("status").asInt());
            assertTrue("a message for people", p.path("detail").asText().length() > 5);
            return p;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    String token;
    String language = "fr";

    private record Operation(String method, String template, Pattern pattern, JsonNode node) {
        String key() {
            return method + " " + template;
        }
    }

    Api(String base) throws IOException, InterruptedException {
        this.base = base;
        HttpResponse<byte[]> doc = http.send(HttpRequest.newBuilder(URI.create(base + "/api/openapi.json")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("the OpenAPI document is served without a token", 200, doc.statusCode());
        document = JSON.readTree(doc.body());
        assertEquals("3.1.0", document.path("openapi").asText());
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            String regex = Pattern.quote(p.getKey()).replaceAll("\\{[a-zA-Z]+}", "\\\\E[^/]+\\\\Q");
            Iterator<Map.Entry<String, JsonNode>> methods = p.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> m = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(m.getKey())) {
                    operations.add(new Operation(m.getKey().toUpperCase(Locale.ROOT), p.getKey(), Pattern.compile(regex),
                            m.getValue()));
                }
            }
        }
        assertTrue("the document describes operations", operations.size() > 20);
    }

    Api as(String token) {
        this.token = token;
        return this;
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Reply delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    Reply post(String path, Object json) {
        return send("POST", path, "application/json", body(json), Map.of());
    }

    Reply put(String path, Object json) {
        return send("PUT", path, "application/json", body(json), Map.of());
    }

    private static byte[] body(Object json) {
        try {
            return json instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Sends and checks the answer against the document. */
    Reply send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api" + path)).timeout(Duration.ofSeconds(60))
                .header("Accept-Language", language);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
        Reply reply = new Reply(r.statusCode(), r.headers(), r.body());
        check(method, path.replaceAll("\\?.*", ""), reply);
        return reply;
    }

    private void check(String method, String path, Reply reply) {
        List<Operation> byPath = operations.stream().filter(o -> o.pattern().matcher(path).matches()).toList();
        if (byPath.isEmpty()) {
            assertEquals("undocumented path " + path + " must be an API 404: " + reply.text(), 404, reply.status());
            return;
        }
        Operation op = byPath.stream().filter(o -> o.method().equals(method)).findFirst().orElse(null);
        if (op == null) {
            assertEquals("undocumented method " + method + " " + path + ": " + reply.text(), 405, reply.status());
            return;
        }
        JsonNode responses = op.node().path("responses");
        String status = String.valueOf(reply.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.get("default");
        if (response == null) {
            throw new AssertionError(op.key() + " answered " + status + ", which the document does not list: " + reply.text());
        }
        response = resolve(response);
        if (reply.status() < 300) {
            exercised.add(op.key());
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            assertEquals(op.key() + " " + status + " documents no body: " + reply.text(), 0, reply.bytes().length);
            return;
        }
        String type = reply.header("Content-Type") == null ? "" : reply.header("Content-Type").replaceAll(";.*", "").strip();
        JsonNode media = content.get(type);
        if (media == null) {
            media = content.get("*/*");
        }
        if (media == null) {
            throw new AssertionError(op.key() + " " + status + " answered " + type + ", documented: " + content.fieldNames()
                    .next());
        }
        if (type.endsWith("json") && media.has("schema")) {
            String key = op.key() + " " + status + " " + type;
            JsonNode documented = media.get("schema");
            Schema schema = schemas.computeIfAbsent(key, k -> {
                ObjectNode wrapper = documented.deepCopy();
                wrapper.set("components", document.get("components"));
                return registry.getSchema(wrapper);
            });
            List<com.networknt.schema.Error> errors = schema.validate(reply.json());
            if (!errors.isEmpty()) {
                throw new AssertionError(key + " does not match the document: " + errors + "\n" + reply.text());
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = document.at(ref.substring(1));
        }
        return node;
    }

    /** The documented operations no call exercised with a success. */
    Set<String> unexercised() {
        Set<String> out = new TreeSet<>();
        for (Operation o : operations) {
            if (!exercised.contains(o.key())) {
                out.add(o.key());
            }
        }
        return out;
    }

    /** Every route the document lists, to compare with what the servlet serves. */
    Set<String> documented() {
        Set<String> out = new LinkedHashSet<>();
        operations.forEach(o -> out.add(o.key()));
        return out;
    }

    static InputStream resource(String name) {
        return Api.class.getResourceAsStream(name);
    }
}

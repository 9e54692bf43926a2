package org.guichets.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichets.api.LocalizedText;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.ApiTokenService.TokenActor;
import org.guichets.portal.PlatformServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/*}: authenticates each call by its bearer token, checks the token's scope (reads need
 * {@code read} or {@code write}, changes need {@code write}), routes it, and turns every refusal
 * into a problem document: 400 bad input, 401 no or bad token, 403 refused, 404 not found (a
 * foreign organisation's resource is not found, as in the services), 409 conflict with the current
 * state or version, 412 a stale {@code If-Match}, 422 invalid fields (each named), 503 platform
 * starting.
 */
// every part of a multi-file deposit waits on disk, none in the heap (fileSizeThreshold 0)
@jakarta.servlet.annotation.MultipartConfig(fileSizeThreshold = 0, maxRequestSize = ApiServlet.MAX_MULTIPART_BYTES,
        maxFileSize = ApiServlet.MAX_MULTIPART_BYTES)
public final class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    static final String PROBLEM_TYPE = "https://guichets.org/problems/";
    /** A JSON request body is at most this long. */
    static final int MAX_JSON_BYTES = 1024 * 1024;
    /** At most this much in one multi-file deposit (its parts wait in the web server's temporary folder). */
    static final long MAX_MULTIPART_BYTES = 2L * 1024 * 1024 * 1024;
    /** Set on a request whose expected version came from its {@code If-Match} header. */
    private static final String IF_MATCH_USED = ApiServlet.class.getName() + ".ifMatch";

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(LocalizedText.class,
                    new com.fasterxml.jackson.databind.ser.std.StdSerializer<LocalizedText>(LocalizedText.class) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public void serialize(LocalizedText value, com.fasterxml.jackson.core.JsonGenerator gen,
                                com.fasterxml.jackson.databind.SerializerProvider provider) throws IOException {
                            gen.writeObject(value.values());
                        }
                    })
                    // events by their names on the wire, as clients send them; scopes as in messages
                    .addSerializer(org.guichets.api.notification.WebhookEvent.class,
                            new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(
                                    org.guichets.api.notification.WebhookEvent.class) {
                                private static final long serialVersionUID = 1L;

                                @Override
                                public String valueToString(Object value) {
                                    return ((org.guichets.api.notification.WebhookEvent) value).wireName();
                                }
                            })
                    .addSerializer(ApiScope.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase(
                            ApiScope.class) {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public String valueToString(Object value) {
                            return ((ApiScope) value).name().toLowerCase(Locale.ROOT);
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What a route does with a call: an object answered as JSON (200, or the status set), or null for 204. */
    @FunctionalInterface
    interface Handler {
        Object handle(Call call) throws Exception;
    }

    /**
     * A route; {@code reads} when it changes nothing (every GET, and a POST that only computes, such
     * as verifying a PDF): the read scope is enough.
     */
    record Route(String method, String template, Pattern pattern, List<String> names, boolean anonymous, boolean reads,
            Handler handler) {}

    private final transient PlatformServices services;
    private final transient List<Route> routes = new ArrayList<>();

    public ApiServlet(PlatformServices services) {
        this.services = services;
        V1.register(this);
    }

    void route(String method, String template, Handler handler) {
        add(method, template, false, "GET".equals(method), handler);
    }

    /** A POST that changes nothing: the read scope suffices. */
    void reading(String method, String template, Handler handler) {
        add(method, template, false, true, handler);
    }

    void anonymous(String method, String template, Handler handler) {
        add(method, template, true, true, handler);
    }

    private void add(String method, String template, boolean anonymous, boolean reads, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        routes.add(new Route(method, template, Pattern.compile(regex.toString()), names, anonymous, reads, handler));
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = language(request);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        try {
            Map<String, String> params = new LinkedHashMap<>();
            Route route = match(request.getMethod(), path, params);
            TokenActor who = route.anonymous() ? null : authenticate(request);
            if (who != null) {
                boolean allowed = route.reads() ? who.may(ApiScope.READ) || who.may(ApiScope.WRITE) : who.may(ApiScope.WRITE);
                if (!allowed) {
                    throw new ApiProblem(403, "token.scope", route.reads() ? "read" : "write");
                }
            }
            Call call = new Call(request, response, services, who, params, locale);
            Object result = route.handler().handle(call);
            if (response.isCommitted()) {
                return;
            }
            if (result == null) {
                response.setStatus(call.status() == 0 ? 204 : call.status());
                return;
            }
            response.setStatus(call.status() == 0 ? 200 : call.status());
            response.setContentType("application/json;charset=UTF-8");
            try (OutputStream out = response.getOutputStream()) {
                JSON.writeValue(out, result);
            }
        } catch (ApiProblem p) {
            problem(response, request, locale, p.status(), p.code(), p.message(locale), p.extras());
        } catch (GuichetsException e) {
            refusal(response, request, locale, e);
        } catch (IOException e) {
            if (response.isCommitted()) {
                LOG.debug("API call {} {} broken off: {}", request.getMethod(), path, e.toString());
                return;
            }
            internal(response, request, locale, path, e);
        } catch (Exception e) {
            internal(response, request, locale, path, e);
        }
    }

    private void internal(HttpServletResponse response, HttpServletRequest request, Locale locale, String path, Exception e)
            throws IOException {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("API call {} {} failed (reference {})", request.getMethod(), path, reference, e);
        problem(response, request, locale, 500, "api.internal", ApiMessages.text("api.internal", locale, reference),
                Map.of());
    }

    private Route match(String method, String path, Map<String, String> params) {
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (m.matches()) {
                if (r.method().equals(method)) {
                    for (int i = 0; i < r.names().size(); i++) {
                        params.put(r.names().get(i), decode(r.names().get(i), m.group(i + 1)));
                    }
                    return r;
                }
                allowed.add(r.method());
            }
        }
        if (!allowed.isEmpty()) {
            throw new ApiProblem(405, "api.methodNotAllowed", method, String.join(", ", allowed))
                    .with("allow", String.join(", ", allowed));
        }
        throw new ApiProblem(404, "api.notFound", path);
    }

    private TokenActor authenticate(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiProblem(401, "api.unauthenticated");
        }
        ApiTokenService tokens = services.get(ApiTokenService.class)
                .orElseThrow(() -> new ApiProblem(503, "platform.unavailable"));
        return tokens.authenticate(header.substring(7).strip());
    }

    /** A percent-encoded part of the address; a malformed one is the caller's error (400). */
    static String decode(String name, String encoded) {
        try {
            return java.net.URLDecoder.decode(encoded, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, "api.badParameter", name, encoded);
        }
    }

    /** French unless the caller's {@code Accept-Language} prefers English. */
    static Locale language(HttpServletRequest request) {
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return Locale.FRENCH;
        }
        try {
            Locale best = Locale.lookup(Locale.LanguageRange.parse(header), List.of(Locale.FRENCH, Locale.ENGLISH));
            return best == null ? Locale.FRENCH : best;
        } catch (IllegalArgumentException e) {
            return Locale.FRENCH;
        }
    }

    private void refusal(HttpServletResponse response, HttpServletRequest request, Locale locale, GuichetsException e)
            throws IOException {
        Map<String, Object> extras = new LinkedHashMap<>();
        int status;
        if (e instanceof ValidationException v) {
            status = 422;
            List<Map<String, Object>> errors = new ArrayList<>();
            for (FieldError f : v.errors()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("field", f.field());
                one.put("code", f.code());
                one.put("message", f.message(locale));
                errors.add(one);
            }
            extras.put("errors", errors);
        } else if (e instanceof ConflictException c) {
            status = request.getAttribute(IF_MATCH_USED) != null ? 412 : 409;
            extras.put("currentVersion", c.currentVersion());
            response.setHeader("ETag", "\"" + c.currentVersion() + "\"");
        } else if (e instanceof NotFoundException) {
            status = 404;
        } else if (e instanceof AccessDeniedException) {
            status = "token.invalid".equals(e.code()) ? 401 : 403;
        } else if (e instanceof InvalidTransitionException) {
            status = 409;
        } else {
            status = "platform.unavailable".equals(e.code()) ? 503 : 400;
        }
        String detail = e instanceof ValidationException v && !v.errors().isEmpty()
                ? v.messages(locale) : e.getMessage(locale);
        problem(response, request, locale, status, e.code(), detail, extras);
    }

    private static void problem(HttpServletResponse response, HttpServletRequest request, Locale locale, int status,
            String code, String detail, Map<String, Object> extras) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/problem+json;charset=UTF-8");
        response.setHeader("Content-Language", locale.getLanguage());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"guichets\"");
        }
        if (extras.get("allow") instanceof String allow) {
            response.setHeader("Allow", allow);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", PROBLEM_TYPE + code);
        body.put("title", code);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.put("instance", request.getRequestURI());
        extras.forEach((k, v) -> {
            if (!"allow".equals(k)) {
                body.put(k, v);
            }
        });
        try (OutputStream out = response.getOutputStream()) {
            JSON.writeValue(out, body);
        }
    }

    /** One call: its parameters, body, caller and the services. */
    static final class Call {
        final HttpServletRequest request;
        final HttpServletResponse response;
        final TokenActor who;
        final Map<String, String> params;
        final Locale locale;
        private final PlatformServices services;
        private int status;

        Call(HttpServletRequest request, HttpServletResponse response, PlatformServices services, TokenActor who,
                Map<String, String> params, Locale locale) {
            this.request = request;
            this.response = response;
            this.services = services;
            this.who = who;
            this.params = params;
            this.locale = locale;
        }

        org.guichets.api.identity.Actor actor() {
            return who.actor();
        }

        <T> T service(Class<T> type) {
            return services.get(type).orElseThrow(() -> new ApiProblem(503, "platform.unavailable"));
        }

        String path(String name) {
            return params.get(name);
        }

        long pathLong(String name) {
            try {
                return Long.parseLong(params.get(name));
            } catch (NumberFormatException e) {
                throw new ApiProblem(404, "api.notFound", request.getRequestURI());
            }
        }

        /**
         * A parameter of the query string only (never of the body: {@code getParameter} would read
         * an upload sent as a form as parameters and lose it).
         */
        String query(String name) {
            String q = request.getQueryString();
            if (q == null) {
                return null;
            }
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(name, eq < 0 ? pair : pair.substring(0, eq));
                if (key.equals(name)) {
                    String v = eq < 0 ? "" : decode(name, pair.substring(eq + 1));
                    return v.isBlank() ? null : v.strip();
                }
            }
            return null;
        }

        int queryInt(String name, int fallback, int min, int max) {
            String v = query(name);
            if (v == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw new ApiProblem(400, "api.badParameter", name, min + "–" + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new ApiProblem(400, "api.badParameter", name, v);
            }
        }

        <E extends Enum<E>> E queryEnum(String name, Class<E> type) {
            String v = query(name);
            if (v == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'));
            } catch (IllegalArgumentException e) {
                throw new ApiProblem(400, "api.badParameter", name, v);
            }
        }

        JsonNode body() throws IOException {
            String type = request.getContentType();
            if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                throw new ApiProblem(415, "api.unsupportedMediaType", "application/json");
            }
            byte[] bytes;
            try (InputStream in = request.getInputStream()) {
                bytes = in.readNBytes(MAX_JSON_BYTES + 1);
            }
            if (bytes.length > MAX_JSON_BYTES) {
                throw new ApiProblem(413, "api.tooLarge", MAX_JSON_BYTES / (1024 * 1024));
            }
            JsonNode node;
            try {
                node = JSON.readTree(bytes);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new ApiProblem(400, "api.badJson", e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                throw new ApiProblem(400, "api.badJson", "{…}");
            }
            return node;
        }

        /** The version the caller read: {@code If-Match: "N"} or the body's {@code version}. */
        long expectedVersion(JsonNode body) {
            String ifMatch = request.getHeader("If-Match");
            if (ifMatch != null) {
                try {
                    long version = Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").strip());
                    request.setAttribute(IF_MATCH_USED, Boolean.TRUE);
                    return version;
                } catch (NumberFormatException e) {
                    throw new ApiProblem(400, "api.badParameter", "If-Match", ifMatch);
                }
            }
            if (body != null && body.hasNonNull("version") && body.get("version").canConvertToLong()) {
                return body.get("version").asLong();
            }
            throw ValidationException.of("version", "field.required", "version");
        }

        void status(int status) {
            this.status = status;
        }

        int status() {
            return status;
        }

        void etag(long version) {
            response.setHeader("ETag", "\"" + version + "\"");
        }
    }
}

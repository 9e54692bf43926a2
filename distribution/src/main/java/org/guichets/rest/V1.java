package org.guichets.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.Page;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.CommitteeService;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueStatus;
import org.guichets.api.candidature.Reservation;
import org.guichets.api.candidature.ReviewQueue;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.Verdict;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.api.notification.WebhookService;
import org.guichets.rest.ApiServlet.Call;

/** The routes of {@code /api/v1}; {@code /api/openapi.json} describes each. */
final class V1 {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(V1.class);

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    /** A PDF to verify is read whole (the verifier takes bytes): at most this much. */
    static final int MAX_VERIFY_BYTES = 20 * 1024 * 1024;

    private V1() {}

    static void register(ApiServlet api) {
        api.anonymous("GET", "/openapi.json", V1::openApi);

        api.route("GET", "/v1/me", c -> me(c));
        api.route("GET", "/v1/schemes", V1::schemes);

        api.route("GET", "/v1/products", c -> page(c, c.service(ProductService.class)
                .search(c.actor(), c.query("q"), offset(c), limit(c))));
        api.route("POST", "/v1/products", c -> {
            Product p = c.service(ProductService.class).create(c.actor(), draft(c.body()));
            c.status(201);
            c.response.setHeader("Location", c.request.getContextPath() + "/api/v1/products/" + p.id());
            c.etag(p.version());
            return p;
        });
        api.route("GET", "/v1/products/{id}", c -> versioned(c, c.service(ProductService.class).get(c.actor(),
                c.pathLong("id"))));
        api.route("PUT", "/v1/products/{id}", c -> {
            JsonNode body = c.body();
            return versioned(c, c.service(ProductService.class).update(c.actor(), c.pathLong("id"),
                    c.expectedVersion(body), draft(body)));
        });

        api.route("GET", "/v1/candidatures", c -> {
            String product = c.query("productId");
            Long productId = product == null ? null : parseLong("productId", product);
            return page(c, c.service(CandidatureService.class).list(c.actor(), productId, offset(c), limit(c)));
        });
        api.route("POST", "/v1/candidatures", c -> {
            JsonNode body = c.body();
            Candidature created = c.service(CandidatureService.class).create(c.actor(), requiredLong(body, "productId"),
                    text(body, "dispositif"), text(body, "guichet"));
            c.status(201);
            c.response.setHeader("Location", c.request.getContextPath() + "/api/v1/candidatures/" + created.number());
            return created;
        });
        api.route("GET", "/v1/candidatures/{number}", c -> c.service(CandidatureService.class).get(c.actor(),
                c.path("number")));

        api.route("GET", "/v1/candidatures/{number}/form", c -> form(c, c.service(FormService.class).get(c.actor(),
                c.path("number"))));
        api.route("PUT", "/v1/candidatures/{number}/form", c -> {
            JsonNode body = c.body();
            Map<String, String> values = new LinkedHashMap<>();
            JsonNode v = body.get("values");
            if (v == null || !v.isObject()) {
                throw ValidationException.of("values", "field.required");
            }
            v.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
            return form(c, c.service(FormService.class).save(c.actor(), c.path("number"), c.expectedVersion(body), values));
        });
        api.route("POST", "/v1/candidatures/{number}/form/submit", c -> form(c, c.service(FormService.class)
                .submit(c.actor(), c.path("number"), c.expectedVersion(c.body()))));
        api.route("POST", "/v1/candidatures/{number}/form/validate", c -> form(c, c.service(FormService.class)
                .validate(c.actor(), c.path("number"), c.expectedVersion(c.body()))));
        api.route("POST", "/v1/candidatures/{number}/form/return", c -> {
            JsonNode body = c.body();
            Map<String, String> comments = new LinkedHashMap<>();
            if (body.get("fieldComments") != null && body.get("fieldComments").isObject()) {
                body.get("fieldComments").fields().forEachRemaining(e -> comments.put(e.getKey(), e.getValue().asText()));
            }
            return form(c, c.service(FormService.class).returnToCandidate(c.actor(), c.path("number"),
                    c.expectedVersion(body), comments, optionalText(body, "message")));
        });

        api.route("GET", "/v1/candidatures/{number}/chapters", c -> c.service(EvidenceService.class).deposit(c.actor(),
                c.path("number")));
        api.route("GET", "/v1/candidatures/{number}/chapters/{chapter}", c -> chapter(c, c.service(EvidenceService.class)
                .chapter(c.actor(), c.path("number"), c.path("chapter"))));
        api.route("POST", "/v1/candidatures/{number}/chapters/{chapter}/requirements/{requirement}/evidence/{evidence}/files",
                V1::upload);
        api.route("POST", "/v1/candidatures/{number}/chapters/{chapter}/files", V1::uploadAll);
        api.route("POST", "/v1/candidatures/{number}/chapters/{chapter}/submit", c -> chapter(c,
                c.service(EvidenceService.class).submit(c.actor(), c.path("number"), c.path("chapter"),
                        c.expectedVersion(c.body()))));
        api.route("POST", "/v1/candidatures/{number}/chapters/{chapter}/review", V1::review);
        api.route("GET", "/v1/candidatures/{number}/files/{fileId}", V1::download);
        api.route("DELETE", "/v1/candidatures/{number}/files/{fileId}", c -> {
            c.service(EvidenceService.class).deleteFile(c.actor(), c.path("number"), c.pathLong("fileId"));
            return null;
        });

        api.route("GET", "/v1/candidatures/{number}/messages", c -> c.service(ConversationService.class)
                .read(c.actor(), c.path("number")));
        api.route("POST", "/v1/candidatures/{number}/messages/read", c -> {
            c.service(ConversationService.class).markRead(c.actor(), c.path("number"));
            return null;
        });
        api.route("POST", "/v1/candidatures/{number}/messages", c -> {
            var m = c.service(ConversationService.class).post(c.actor(), c.path("number"), optionalText(c.body(), "body"));
            c.status(201);
            return m;
        });

        api.route("GET", "/v1/candidatures/{number}/decision", c -> c.service(CommitteeService.class)
                .decision(c.actor(), c.path("number"))
                .orElseThrow(() -> new NotFoundException("decision", c.path("number"))));
        api.route("POST", "/v1/candidatures/{number}/decision", V1::decide);
        api.route("GET", "/v1/candidatures/{number}/deliverables", c -> Map.of("items",
                c.service(DeliverableService.class).forCandidature(c.actor(), c.path("number"))));
        api.route("GET", "/v1/deliverables/{id}", c -> c.service(DeliverableService.class).get(c.actor(), c.path("id")));
        api.route("GET", "/v1/deliverables/{id}/pdf", c -> {
            byte[] pdf = c.service(DeliverableService.class).pdf(c.actor(), c.path("id"));
            c.response.setContentType("application/pdf");
            c.response.setHeader("Content-Disposition", "attachment; filename=\"" + c.path("id") + ".pdf\"");
            c.response.setContentLength(pdf.length);
            try (OutputStream out = c.response.getOutputStream()) {
                out.write(pdf);
            }
            return null;
        });
        api.reading("POST", "/v1/deliverables/verify", V1::verify);

        api.route("GET", "/v1/queue", V1::queue);
        api.route("POST", "/v1/queue/{number}/claim", c -> c.service(ReviewQueue.class).claim(c.actor(), c.path("number")));

        api.route("GET", "/v1/webhooks", c -> Map.of("items", c.service(WebhookService.class).endpoints(c.actor(),
                organization(c))));
        api.route("POST", "/v1/webhooks", c -> {
            JsonNode body = c.body();
            var created = c.service(WebhookService.class).register(c.actor(), organization(c), text(body, "url"),
                    optionalText(body, "description"), events(body));
            c.status(201);
            return created;
        });
        api.route("GET", "/v1/webhooks/{id}", c -> c.service(WebhookService.class).endpoint(c.actor(), c.pathLong("id")));
        api.route("PUT", "/v1/webhooks/{id}", c -> {
            JsonNode body = c.body();
            var updated = c.service(WebhookService.class).update(c.actor(), c.pathLong("id"), c.expectedVersion(body),
                    text(body, "url"), optionalText(body, "description"), events(body));
            c.etag(updated.version());
            return updated;
        });
        api.route("POST", "/v1/webhooks/{id}/enable", c -> c.service(WebhookService.class).setEnabled(c.actor(),
                c.pathLong("id"), true));
        api.route("POST", "/v1/webhooks/{id}/disable", c -> c.service(WebhookService.class).setEnabled(c.actor(),
                c.pathLong("id"), false));
        api.route("DELETE", "/v1/webhooks/{id}", c -> {
            c.service(WebhookService.class).delete(c.actor(), c.pathLong("id"));
            return null;
        });
        api.route("POST", "/v1/webhooks/{id}/ping", c -> {
            var d = c.service(WebhookService.class).ping(c.actor(), c.pathLong("id"));
            c.status(202);
            return d;
        });
        api.route("GET", "/v1/webhooks/{id}/deliveries", c -> page(c, c.service(WebhookService.class)
                .deliveries(c.actor(), c.pathLong("id"), offset(c), limit(c))));
        api.route("GET", "/v1/webhooks/{id}/deliveries/{delivery}", c -> delivery(c));
        api.route("POST", "/v1/webhooks/{id}/deliveries/{delivery}/replay", c -> {
            delivery(c);
            var d = c.service(WebhookService.class).replay(c.actor(), c.pathLong("delivery"));
            c.status(202);
            return d;
        });
    }

    // ---------------------------------------------------------------- handlers

    private static Object openApi(Call c) throws IOException {
        try (InputStream in = V1.class.getResourceAsStream("/org/guichets/rest/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the build");
            }
            c.response.setContentType("application/json;charset=UTF-8");
            c.response.setHeader("Cache-Control", "public, max-age=300");
            try (OutputStream out = c.response.getOutputStream()) {
                in.transferTo(out);
            }
        }
        return null;
    }

    private static Object me(Call c) {
        var account = c.service(IdentityService.class).account(c.actor(), c.actor().accountId());
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("accountId", account.id());
        me.put("email", account.email());
        me.put("displayName", account.displayName());
        me.put("organizationId", account.organizationId());
        me.put("organizationRole", account.organizationRole());
        me.put("platformRoles", account.platformRoles());
        me.put("tokenId", c.who.tokenId());
        me.put("scopes", c.who.scopes());
        return me;
    }

    private static Object schemes(Call c) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Dispositif d : c.service(DispositifRegistry.class).dispositifs()) {
            if (!d.isActive()) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", d.id());
            one.put("name", d.name());
            one.put("summary", d.summary());
            one.put("referentialVersion", d.referentialVersion());
            List<Map<String, Object>> guichets = new ArrayList<>();
            for (Guichet g : d.guichets()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("id", g.id());
                gm.put("name", g.name());
                gm.put("status", g.status());
                gm.put("profiles", g.profiles().stream().map(p -> Map.of("code", p.code(), "name", p.name())).toList());
                gm.put("maxProfiles", g.maxProfiles());
                gm.put("chapters", g.chapters().stream().map(ch -> Map.of("id", ch.id(), "title", ch.title(),
                        "order", ch.order())).toList());
                guichets.add(gm);
            }
            one.put("guichets", guichets);
            items.add(one);
        }
        return Map.of("items", items);
    }

    private static Object upload(Call c) throws IOException {
        String name = c.query("fileName");
        if (name == null) {
            String disposition = c.request.getHeader("Content-Disposition");
            if (disposition != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("filename=\"?([^\";]+)\"?").matcher(disposition);
                name = m.find() ? m.group(1) : null;
            }
        }
        if (name == null) {
            throw ValidationException.of("fileName", "field.required");
        }
        try (InputStream in = c.request.getInputStream()) {
            var file = c.service(EvidenceService.class).upload(c.actor(), c.path("number"), c.path("chapter"),
                    c.path("requirement"), c.path("evidence"), name, in);
            c.status(201);
            return file;
        }
    }

    /**
     * Several files in one chapter, all or none: a {@code multipart/form-data} body whose file parts
     * are each named {@code <requirement>/<evidence>}. The web server keeps the parts in its
     * temporary folder (see {@link ApiServlet#MAX_MULTIPART_BYTES}), once the candidature is found the
     * actor's and the chapter open; they are streamed to the store one after the other.
     */
    private static Object uploadAll(Call c) throws IOException {
        String type = c.request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiProblem(415, "api.unsupportedMediaType", "multipart/form-data");
        }
        if (c.request.getContentLengthLong() > ApiServlet.MAX_MULTIPART_BYTES) {
            throw new ApiProblem(413, "api.tooLarge", ApiServlet.MAX_MULTIPART_BYTES / (1024 * 1024));
        }
        // before the web server reads the parts: the candidature is the actor's and the chapter takes
        // files (checked again, with the right to write, when the files are recorded)
        EvidenceService evidence = c.service(EvidenceService.class);
        org.guichets.api.candidature.ChapterState state = evidence.chapter(c.actor(), c.path("number"), c.path("chapter"))
                .progress().state();
        if (state != org.guichets.api.candidature.ChapterState.TO_COMPLETE
                && state != org.guichets.api.candidature.ChapterState.RETURNED) {
            throw new org.guichets.api.error.InvalidTransitionException("chapter.notOpen", state.name());
        }
        java.util.Collection<jakarta.servlet.http.Part> parts;
        try {
            parts = c.request.getParts();
        } catch (IllegalStateException | jakarta.servlet.ServletException e) {
            throw multipartRefused(e);
        }
        if (parts.size() > EvidenceService.MAX_FILES_PER_DEPOSIT) {
            parts.forEach(V1::delete);
            throw ValidationException.of("files", "files.tooMany", EvidenceService.MAX_FILES_PER_DEPOSIT);
        }
        List<org.guichets.api.candidature.NewEvidenceFile> files = new ArrayList<>();
        try {
            for (jakarta.servlet.http.Part part : parts) {
                String[] key = part.getName().split("/", 2);
                if (key.length != 2 || key[0].isBlank() || key[1].isBlank()) {
                    throw new ApiProblem(400, "api.badParameter", part.getName(), "<requirement>/<evidence>");
                }
                if (part.getSubmittedFileName() == null) {
                    throw new ApiProblem(400, "api.badParameter", part.getName(), "filename=\"…\"");
                }
                files.add(new org.guichets.api.candidature.NewEvidenceFile(key[0], key[1], part.getSubmittedFileName(),
                        part.getInputStream()));
            }
            var recorded = evidence.uploadAll(c.actor(), c.path("number"), c.path("chapter"), files);
            c.status(201);
            return Map.of("items", recorded);
        } finally {
            for (var f : files) {
                f.content().close();
            }
            parts.forEach(V1::delete);
        }
    }

    /**
     * Why the web server could not read a multipart body: too large (413), too many parts (422, as
     * beyond {@link EvidenceService#MAX_FILES_PER_DEPOSIT}), or not well formed (400). Jetty wraps
     * each failure in a {@code ServletException}; its limits say "max … exceeded" and "too many".
     */
    private static RuntimeException multipartRefused(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("too many")) {
                return ValidationException.of("files", "files.tooMany", EvidenceService.MAX_FILES_PER_DEPOSIT);
            }
            if (m.contains("exceeded") || m.contains("larger than max")) {
                return new ApiProblem(413, "api.tooLarge", ApiServlet.MAX_MULTIPART_BYTES / (1024 * 1024));
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return new ApiProblem(400, "api.badParameter", "multipart/form-data", String.valueOf(root.getMessage()));
    }

    /** Removes a part's temporary file; a failure only leaves it for the web server's next start. */
    private static void delete(jakarta.servlet.http.Part part) {
        try {
            part.delete();
        } catch (IOException e) {
            LOG.debug("temporary part not removed: {}", e.toString());
        }
    }

    private static Object review(Call c) throws IOException {
        JsonNode body = c.body();
        Map<Long, FileVerdict> verdicts = new LinkedHashMap<>();
        JsonNode v = body.get("verdicts");
        if (v == null || !v.isObject()) {
            throw ValidationException.of("verdicts", "field.required");
        }
        var it = v.fields();
        while (it.hasNext()) {
            var e = it.next();
            long fileId;
            try {
                fileId = Long.parseLong(e.getKey());
            } catch (NumberFormatException nfe) {
                throw ValidationException.of("verdicts", "number.invalid", e.getKey());
            }
            Verdict verdict = parseEnum("verdict", Verdict.class, e.getValue().path("verdict").asText(null));
            verdicts.put(fileId, new FileVerdict(verdict, e.getValue().hasNonNull("comment")
                    ? e.getValue().get("comment").asText() : null));
        }
        return chapter(c, c.service(EvidenceService.class).review(c.actor(), c.path("number"), c.path("chapter"),
                c.expectedVersion(body), verdicts));
    }

    private static Object download(Call c) throws IOException {
        EvidenceService evidence = c.service(EvidenceService.class);
        long fileId = c.pathLong("fileId");
        var file = evidence.file(c.actor(), c.path("number"), fileId);
        try (InputStream in = evidence.open(c.actor(), c.path("number"), fileId)) {
            c.response.setContentType(file.mediaType());
            c.response.setHeader("Content-Disposition", "attachment; filename=\"" + file.fileName().replace("\"", "") + "\"");
            c.response.setContentLengthLong(file.size());
            c.response.setHeader("Digest", "sha-256=" + java.util.Base64.getEncoder()
                    .encodeToString(java.util.HexFormat.of().parseHex(file.sha256())));
            try (OutputStream out = c.response.getOutputStream()) {
                in.transferTo(out);
            }
        }
        return null;
    }

    private static Object decide(Call c) throws IOException {
        JsonNode body = c.body();
        DecisionOutcome outcome = parseEnum("outcome", DecisionOutcome.class, text(body, "outcome"));
        List<Reservation> reservations = new ArrayList<>();
        for (JsonNode r : body.path("reservations")) {
            LocalDate due;
            try {
                due = r.hasNonNull("due") ? LocalDate.parse(r.get("due").asText()) : null;
            } catch (java.time.format.DateTimeParseException e) {
                throw ValidationException.of("reservations", "date.invalid", r.get("due").asText());
            }
            reservations.add(new Reservation(r.path("text").asText(null), r.path("owner").asText(null), due));
        }
        var decision = c.service(CommitteeService.class).decide(c.actor(), c.path("number"), outcome,
                optionalText(body, "reason"), reservations);
        c.status(201);
        return decision;
    }

    private static Object verify(Call c) throws IOException {
        String type = c.request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/pdf")) {
            throw new ApiProblem(415, "api.unsupportedMediaType", "application/pdf");
        }
        byte[] pdf;
        try (InputStream in = c.request.getInputStream()) {
            pdf = in.readNBytes(MAX_VERIFY_BYTES + 1);
        }
        if (pdf.length > MAX_VERIFY_BYTES) {
            throw new ApiProblem(413, "api.tooLarge", MAX_VERIFY_BYTES / (1024 * 1024));
        }
        var v = c.service(DeliverableVerifier.class).verify(pdf, Expectation.any());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", v.valid());
        out.put("outcome", v.outcome());
        out.put("message", v.message(c.locale));
        out.put("detail", v.detail());
        out.put("signer", v.signer());
        out.put("signedAt", v.signedAt());
        out.put("timestamped", v.timestamped());
        out.put("deliverable", v.deliverable());
        return out;
    }

    private static Object queue(Call c) {
        String minDays = c.query("minWaitingDays");
        QueueFilter filter = new QueueFilter(c.query("dispositif"), c.query("guichet"), c.queryEnum("step", Step.class),
                minDays == null ? null : Duration.ofDays(c.queryInt("minWaitingDays", 0, 0, 3650)),
                !"newest".equals(c.query("order")), c.queryEnum("status", QueueStatus.class),
                c.queryEnum("assignment", QueueFilter.Assignment.class), c.queryEnum("sort", QueueFilter.Sort.class));
        return page(c, c.service(ReviewQueue.class).queue(c.actor(), filter, offset(c), limit(c)));
    }

    // ---------------------------------------------------------------- helpers

    /** The delivery of the path, checked to belong to the path's endpoint. */
    private static org.guichets.api.notification.WebhookDelivery delivery(Call c) {
        var d = c.service(WebhookService.class).delivery(c.actor(), c.pathLong("delivery"));
        if (d.endpointId() != c.pathLong("id")) {
            throw new NotFoundException("delivery", c.pathLong("delivery"));
        }
        return d;
    }

    private static long organization(Call c) {
        Long org = c.actor().organizationId();
        if (org == null) {
            throw new org.guichets.api.error.AccessDeniedException("access.denied");
        }
        return org;
    }

    private static Set<WebhookEvent> events(JsonNode body) {
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (JsonNode e : body.path("events")) {
            events.add(WebhookEvent.ofWireName(e.asText()).orElseThrow(
                    () -> ValidationException.of("events", "field.invalid")));
        }
        return events;
    }

    private static Object versioned(Call c, Product p) {
        c.etag(p.version());
        return p;
    }

    private static Object form(Call c, AdministrativeForm form) {
        c.etag(form.version());
        return form;
    }

    private static Object chapter(Call c, ChapterView view) {
        c.etag(view.progress().version());
        return view;
    }

    private static int offset(Call c) {
        return c.queryInt("offset", 0, 0, Integer.MAX_VALUE);
    }

    private static int limit(Call c) {
        return c.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** A page, with a {@code Link: <…>; rel="next"} header when more follow. */
    private static Object page(Call c, Page<?> page) {
        if (page.hasMore()) {
            // the query string as sent, less its offset (never getParameterMap: it would parse a body)
            StringBuilder next = new StringBuilder(c.request.getRequestURI()).append('?');
            String query = c.request.getQueryString();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (!pair.isEmpty() && !pair.equals("offset") && !pair.startsWith("offset=")) {
                    next.append(pair).append('&');
                }
            }
            next.append("offset=").append(page.offset() + page.items().size());
            c.response.setHeader("Link", "<" + next + ">; rel=\"next\"");
        }
        return page;
    }

    private static ProductDraft draft(JsonNode body) {
        Set<SchemeInterest> interests = EnumSet.noneOf(SchemeInterest.class);
        for (JsonNode i : body.path("interests")) {
            interests.add(parseEnum("interests", SchemeInterest.class, i.asText()));
        }
        return new ProductDraft(optionalText(body, "name"), optionalText(body, "softwareVersion"), optionalText(body, "nil"),
                optionalLong(body, "responsableId"),
                optionalText(body, "description"), optionalText(body, "certifications"), interests);
    }

    private static String text(JsonNode body, String field) {
        String v = optionalText(body, field);
        if (v == null) {
            throw ValidationException.of(field, "field.required");
        }
        return v;
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber()) {
            throw ValidationException.of(field, "number.invalid", v.asText());
        }
        return v.asLong();
    }

    private static long requiredLong(JsonNode body, String field) {
        Long v = optionalLong(body, field);
        if (v == null) {
            throw ValidationException.of(field, "field.required");
        }
        return v;
    }

    private static long parseLong(String field, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiProblem(400, "api.badParameter", field, value);
        }
    }

    /** A body's enum value, in any case; a wrong one is an invalid field (422), named. */
    private static <E extends Enum<E>> E parseEnum(String field, Class<E> type, String value) {
        if (value == null) {
            throw ValidationException.of(field, "field.required");
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ValidationException.of(field, "field.invalid");
        }
    }
}

package org.guichets.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.Chapter;
import org.guichets.api.Deliverable;
import org.guichets.api.Dispositif;
import org.guichets.api.EvidenceKind;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.FieldType;
import org.guichets.api.FormField;
import org.guichets.api.FormSection;
import org.guichets.api.Requirement;
import org.guichets.api.DeploymentState;
import org.guichets.api.Guichet;
import org.guichets.api.GuichetStatus;
import org.guichets.api.LocalizedText;
import org.guichets.api.PluginOrigin;
import org.guichets.api.Profile;
import org.guichets.api.descriptor.DispositifDescriptors;

/**
 * Reads a scheme descriptor: strict JSON, then the published JSON Schema, then the rules a schema
 * cannot express (unique ids). Thread-safe once built; building it compiles the schema, so build
 * one per registry.
 */
public final class DescriptorReader {

    /** A descriptor is a few kilobytes of declarations; anything near this is a packaging mistake. */
    static final int MAX_DESCRIPTOR_BYTES = 1024 * 1024;

    /** How many schema violations a failure reason lists before it says "and n more". */
    private static final int MAX_REPORTED_VIOLATIONS = 5;

    private final ObjectMapper mapper;
    private final Schema schema;

    DescriptorReader() {
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        try (InputStream in = DispositifDescriptors.openSchema()) {
            this.schema = registry.getSchema(mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the descriptor schema", e);
        }
    }

    /**
     * Reads and validates a descriptor.
     *
     * @param in the descriptor's bytes; read up to {@link #MAX_DESCRIPTOR_BYTES} + 1 and not closed
     * @param origin the bundle it comes from
     * @return an {@link DeploymentState#ACTIVE} dispositif
     * @throws DescriptorException with the reason the descriptor is refused
     */
    Dispositif read(InputStream in, PluginOrigin origin) throws DescriptorException {
        byte[] bytes;
        try {
            bytes = in.readNBytes(MAX_DESCRIPTOR_BYTES + 1);
        } catch (IOException e) {
            throw new DescriptorException("cannot read the descriptor: " + e.getMessage(), e);
        }
        return read(bytes, origin);
    }

    /**
     * Reads and validates a descriptor held in memory.
     *
     * @throws DescriptorException with the reason the descriptor is refused
     */
    public Dispositif read(byte[] bytes, PluginOrigin origin) throws DescriptorException {
        JsonNode root = validated(bytes);
        if (root.has("contributesTo")) {
            throw new DescriptorException("the descriptor contributes to dispositif '" + root.get("contributesTo").asText()
                    + "': it is not a dispositif of its own");
        }
        return toDispositif(root, origin);
    }

    private JsonNode validated(byte[] bytes) throws DescriptorException {
        if (bytes.length > MAX_DESCRIPTOR_BYTES) {
            throw new DescriptorException("the descriptor is larger than " + MAX_DESCRIPTOR_BYTES + " bytes");
        }
        JsonNode root = parse(bytes);
        List<Error> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            throw new DescriptorException("the descriptor breaks the schema " + DispositifDescriptors.SCHEMA_ID
                    + ": " + describe(errors));
        }
        return root;
    }

    /**
     * A descriptor that adds guichets to a dispositif another bundle declares.
     *
     * @param dispositifId the dispositif it adds to
     * @param referentialVersion the referential version it belongs to
     * @param extendsGuichets whether it adds chapters to guichets declared elsewhere (merged after
     *     the contributions that only declare guichets)
     * @param bytes the descriptor
     */
    public record Contribution(String dispositifId, String referentialVersion, boolean extendsGuichets, byte[] bytes) {}

    /**
     * The contribution {@code bytes} declare, checked against the schema, or {@code null} when they
     * declare a whole dispositif.
     *
     * @throws DescriptorException if they are not a valid descriptor
     */
    public Contribution contribution(byte[] bytes) throws DescriptorException {
        JsonNode root = validated(bytes);
        return root.has("contributesTo")
                ? new Contribution(root.get("contributesTo").asText(), root.get("referentialVersion").asText(),
                        root.has("extensions"), bytes.clone())
                : null;
    }

    /**
     * The dispositif {@code base} with the guichets of {@code contribution} appended and the
     * chapters of its extensions appended to their guichets, as descriptor bytes (read them with
     * {@link #read(byte[], PluginOrigin)} to check the whole).
     *
     * @throws DescriptorException if an extension names a guichet {@code base} does not declare
     */
    public byte[] merge(byte[] base, Contribution contribution) throws DescriptorException {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode) parse(base);
            com.fasterxml.jackson.databind.node.ArrayNode guichets = (com.fasterxml.jackson.databind.node.ArrayNode) root.get("guichets");
            JsonNode added = parse(contribution.bytes());
            for (JsonNode g : added.get("guichets")) {
                guichets.add(g);
            }
            for (JsonNode ext : added.path("extensions")) {
                String target = ext.get("guichet").asText();
                com.fasterxml.jackson.databind.node.ObjectNode guichet = null;
                for (JsonNode g : guichets) {
                    if (g.get("id").asText().equals(target)) {
                        guichet = (com.fasterxml.jackson.databind.node.ObjectNode) g;
                    }
                }
                if (guichet == null) {
                    throw new DescriptorException("it adds chapters to guichet '" + target + "', which dispositif '"
                            + contribution.dispositifId() + "' does not declare");
                }
                com.fasterxml.jackson.databind.node.ArrayNode chapters = guichet.has("chapters")
                        ? (com.fasterxml.jackson.databind.node.ArrayNode) guichet.get("chapters") : guichet.putArray("chapters");
                ext.get("chapters").forEach(chapters::add);
            }
            return mapper.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new DescriptorException("cannot merge the contribution: " + e.getMessage(), e);
        }
    }

    /**
     * The templates a valid descriptor's evidence specs name (paths in its bundle), in order; the
     * extender checks that the bundle holds them.
     */
    public List<String> templates(byte[] bytes) throws DescriptorException {
        List<String> out = new ArrayList<>();
        JsonNode root = parse(bytes);
        List<JsonNode> chapters = new ArrayList<>();
        root.path("guichets").forEach(g -> g.path("chapters").forEach(chapters::add));
        root.path("extensions").forEach(x -> x.path("chapters").forEach(chapters::add));
        for (JsonNode c : chapters) {
            c.path("requirements").forEach(r -> r.path("evidence").forEach(e -> {
                if (e.hasNonNull("template") && !out.contains(e.get("template").asText())) {
                    out.add(e.get("template").asText());
                }
            }));
        }
        return out;
    }

    private JsonNode parse(byte[] bytes) throws DescriptorException {
        if (bytes.length == 0) {
            throw new DescriptorException("the descriptor is empty");
        }
        try (JsonParser parser = mapper.createParser(bytes)) {
            JsonNode node = mapper.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw new DescriptorException("the descriptor is empty");
            }
            return node;
        } catch (JsonParseException e) {
            throw new DescriptorException("the descriptor is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        } catch (IOException e) {
            throw new DescriptorException("the descriptor is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static String describe(List<Error> errors) {
        String listed = errors.stream()
                .limit(MAX_REPORTED_VIOLATIONS)
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .collect(Collectors.joining("; "));
        int more = errors.size() - MAX_REPORTED_VIOLATIONS;
        return more > 0 ? listed + "; and " + more + " more" : listed;
    }

    private static Dispositif toDispositif(JsonNode root, PluginOrigin origin) throws DescriptorException {
        List<Guichet> guichets = new ArrayList<>();
        Set<String> guichetIds = new HashSet<>();
        for (JsonNode g : root.get("guichets")) {
            String id = g.get("id").asText();
            if (!guichetIds.add(id)) {
                throw new DescriptorException("guichet id '" + id + "' is declared twice");
            }
            guichets.add(toGuichet(g));
        }
        return new Dispositif(
                root.get("id").asText(),
                text(root.get("name")),
                text(root.get("summary")),
                text(root.get("presentation")),
                root.get("referentialVersion").asText(),
                guichets,
                DeploymentState.ACTIVE,
                null,
                origin);
    }

    private static Guichet toGuichet(JsonNode g) throws DescriptorException {
        String id = g.get("id").asText();
        List<Profile> profiles = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        JsonNode declared = g.get("profiles");
        if (declared != null) {
            for (JsonNode p : declared) {
                String code = p.get("code").asText();
                if (!codes.add(code)) {
                    throw new DescriptorException("profile '" + code + "' is declared twice in guichet '" + id + "'");
                }
                profiles.add(new Profile(code, text(p.get("name"))));
            }
        }
        int maxProfiles = g.has("maxProfiles") ? g.get("maxProfiles").asInt() : Math.max(1, profiles.size());
        if (!profiles.isEmpty() && maxProfiles > profiles.size()) {
            throw new DescriptorException("guichet '" + id + "' allows " + maxProfiles
                    + " profiles but declares only " + profiles.size());
        }
        GuichetStatus status = g.has("status")
                ? GuichetStatus.valueOf(g.get("status").asText().toUpperCase(Locale.ROOT))
                : GuichetStatus.OPEN;
        List<FormSection> form = form(g.path("form"), id, codes);
        List<Chapter> chapters = chapters(g.path("chapters"), id, codes, form);
        List<Deliverable> deliverables = deliverables(g.path("deliverables"), id, chapters, form);
        return new Guichet(id, text(g.get("name")), text(g.get("description")), status, profiles, maxProfiles, form,
                chapters, deliverables);
    }

    private static List<FormSection> form(JsonNode form, String guichet, Set<String> profiles) throws DescriptorException {
        List<FormSection> sections = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode s : form.path("sections")) {
            List<FormField> fields = new ArrayList<>();
            for (JsonNode f : s.path("fields")) {
                String id = f.get("id").asText();
                if (!ids.add(id)) {
                    throw new DescriptorException("field '" + id + "' is declared twice in the form of guichet '" + guichet + "'");
                }
                FieldType type = FieldType.valueOf(f.get("type").asText().toUpperCase(Locale.ROOT).replace("LEGALFORM", "LEGAL_FORM"));
                Set<String> when = strings(f.path("requiredWhenProfiles"));
                requireKnown(when, profiles, "field '" + id + "' of guichet '" + guichet + "'");
                List<FormField.Option> options = new ArrayList<>();
                for (JsonNode o : f.path("options")) {
                    options.add(new FormField.Option(o.get("value").asText(), text(o.get("label"))));
                }
                if (type == FieldType.SELECT && options.isEmpty()) {
                    throw new DescriptorException("select field '" + id + "' of guichet '" + guichet + "' has no options");
                }
                String pattern = f.has("pattern") ? f.get("pattern").asText() : null;
                if (pattern != null) {
                    try {
                        java.util.regex.Pattern.compile(pattern);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new DescriptorException("field '" + id + "' of guichet '" + guichet + "' has an invalid pattern: "
                                + e.getDescription());
                    }
                }
                fields.add(new FormField(id, text(f.get("label")), text(f.get("help")), type, f.path("required").asBoolean(false),
                        when, f.has("maxLength") ? f.get("maxLength").asInt() : null, pattern,
                        f.has("prefill") ? f.get("prefill").asText() : null, options));
            }
            sections.add(new FormSection(s.get("id").asText(), text(s.get("title")), fields));
        }
        return sections;
    }

    private static List<Chapter> chapters(JsonNode list, String guichet, Set<String> profiles, List<FormSection> form)
            throws DescriptorException {
        List<Chapter> chapters = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> refs = new HashSet<>();
        int position = 0;
        for (JsonNode c : list) {
            String id = c.get("id").asText();
            if (!ids.add(id)) {
                throw new DescriptorException("chapter '" + id + "' is declared twice in guichet '" + guichet + "'");
            }
            Set<String> chapterProfiles = strings(c.get("profiles"));
            requireKnown(chapterProfiles, profiles, "chapter '" + id + "'");
            List<Requirement> requirements = new ArrayList<>();
            for (JsonNode r : c.get("requirements")) {
                String ref = r.get("ref").asText();
                if (!refs.add(ref)) {
                    throw new DescriptorException("requirement '" + ref + "' is declared twice in guichet '" + guichet + "'");
                }
                Set<String> reqProfiles = r.has("profiles") ? strings(r.get("profiles")) : chapterProfiles;
                if (!chapterProfiles.containsAll(reqProfiles)) {
                    throw new DescriptorException("requirement '" + ref + "' names profiles outside its chapter '" + id + "'");
                }
                List<EvidenceSpec> evidence = new ArrayList<>();
                Set<String> evidenceIds = new HashSet<>();
                for (JsonNode e : r.get("evidence")) {
                    String eid = e.get("id").asText();
                    if (!evidenceIds.add(eid)) {
                        throw new DescriptorException("evidence '" + eid + "' is declared twice in requirement '" + ref + "'");
                    }
                    Set<String> types = e.has("mediaTypes") ? strings(e.get("mediaTypes")) : Set.of("application/pdf");
                    evidence.add(new EvidenceSpec(eid, EvidenceKind.valueOf(e.get("kind").asText().toUpperCase(Locale.ROOT).replace('-', '_')),
                            text(e.get("label")), types, e.path("maxBytes").asLong(0), e.path("optional").asBoolean(false),
                            e.has("template") ? e.get("template").asText() : null));
                }
                requirements.add(new Requirement(ref, text(r.get("statement")), "must".equals(r.get("level").asText()),
                        reqProfiles, evidence, condition(r.get("when"), ref, profiles, form)));
            }
            int order = c.has("order") ? c.get("order").asInt() : position;
            position++;
            chapters.add(new Chapter(id, text(c.get("title")), text(c.get("description")), order, chapterProfiles, requirements,
                    "form".equals(c.path("step").asText("evidence"))));
        }
        return chapters;
    }

    private static Requirement.Condition condition(JsonNode when, String ref, Set<String> profiles, List<FormSection> form)
            throws DescriptorException {
        if (when == null) {
            return null;
        }
        Set<String> all = strings(when.get("profilesAll"));
        Set<String> none = strings(when.get("profilesNone"));
        requireKnown(all, profiles, "the condition of requirement '" + ref + "'");
        requireKnown(none, profiles, "the condition of requirement '" + ref + "'");
        String field = when.has("field") ? when.get("field").asText() : null;
        if (field != null && form.stream().flatMap(sec -> sec.fields().stream()).noneMatch(f -> f.id().equals(field))) {
            throw new DescriptorException("the condition of requirement '" + ref + "' reads form field '" + field
                    + "', which its guichet does not declare");
        }
        return new Requirement.Condition(all, none, field, field == null ? null : when.get("equals").asText());
    }

    private static List<Deliverable> deliverables(JsonNode list, String guichet, List<Chapter> chapters,
            List<FormSection> form) throws DescriptorException {
        List<Deliverable> deliverables = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode d : list) {
            String id = d.get("id").asText();
            if (!ids.add(id)) {
                throw new DescriptorException("deliverable '" + id + "' is declared twice in guichet '" + guichet + "'");
            }
            JsonNode trigger = d.get("trigger");
            String chapter = trigger.has("chapterValidated") ? trigger.get("chapterValidated").asText() : null;
            if (chapter != null && chapters.stream().noneMatch(c -> c.id().equals(chapter))) {
                throw new DescriptorException("deliverable '" + id + "' waits for chapter '" + chapter + "', which guichet '"
                        + guichet + "' does not declare");
            }
            List<Deliverable.Line> lines = new ArrayList<>();
            for (JsonNode line : d.path("content")) {
                String source = line.has("source") ? line.get("source").asText() : null;
                if (source != null && source.startsWith("form.")) {
                    String field = source.substring("form.".length());
                    if (form.stream().flatMap(sec -> sec.fields().stream()).noneMatch(f -> f.id().equals(field))) {
                        throw new DescriptorException("deliverable '" + id + "' states form field '" + field
                                + "', which guichet '" + guichet + "' does not declare");
                    }
                } else if (source != null && source.startsWith("chapter.")) {
                    String ch = source.substring("chapter.".length(), source.length() - ".validatedAt".length());
                    if (chapters.stream().noneMatch(c -> c.id().equals(ch))) {
                        throw new DescriptorException("deliverable '" + id + "' states the validation date of chapter '"
                                + ch + "', which guichet '" + guichet + "' does not declare");
                    }
                }
                lines.add(new Deliverable.Line(text(line.get("label")), source, text(line.get("text"))));
            }
            deliverables.add(new Deliverable(id, d.get("kind").asText(), text(d.get("title")), chapter,
                    trigger.has("decision"), java.time.Period.parse(d.get("validity").asText()), text(d.get("statement")),
                    lines, text(d.get("waitingMessage"))));
        }
        return deliverables;
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new java.util.LinkedHashSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static void requireKnown(Set<String> used, Set<String> declared, String where) throws DescriptorException {
        for (String p : used) {
            if (!declared.contains(p)) {
                throw new DescriptorException(where + " names profile '" + p + "', which its guichet does not declare");
            }
        }
    }

    private static LocalizedText text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return new LocalizedText(values);
    }
}

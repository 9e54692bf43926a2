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
import org.guichets.api.Dispositif;
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
final class DescriptorReader {

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
        if (bytes.length > MAX_DESCRIPTOR_BYTES) {
            throw new DescriptorException("the descriptor is larger than " + MAX_DESCRIPTOR_BYTES + " bytes");
        }
        JsonNode root = parse(bytes);
        List<Error> errors = schema.validate(root);
        if (!errors.isEmpty()) {
            throw new DescriptorException("the descriptor breaks the schema " + DispositifDescriptors.SCHEMA_ID
                    + ": " + describe(errors));
        }
        return toDispositif(root, origin);
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
        return new Guichet(id, text(g.get("name")), text(g.get("description")), status, profiles, maxProfiles);
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

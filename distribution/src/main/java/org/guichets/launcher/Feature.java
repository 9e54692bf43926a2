package org.guichets.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OSGi R8 feature document (OSGi Compendium 159, JSON): its id and its bundles, each with the
 * {@code start-order} metadata the launcher starts them by.
 *
 * @param id the feature's id, {@code groupId:artifactId[:type[:classifier]]:version}
 * @param name display name; may be {@code null}
 * @param bundles the bundles in document order
 */
public record Feature(String id, String name, List<Bundle> bundles) {

    /**
     * One bundle of a feature.
     *
     * @param id Maven coordinates {@code groupId:artifactId[:type[:classifier]]:version}
     * @param startOrder bundles start in ascending order; equal orders in document order
     */
    public record Bundle(String id, int startOrder) {

        /**
         * The bundle's file in a repository laid out like a Maven repository.
         *
         * @throws LaunchException if the id is not Maven coordinates
         */
        public Path file(Path repository) throws LaunchException {
            String[] p = id.split(":");
            if (p.length < 3 || p.length > 5) {
                throw new LaunchException("bundle id '" + id + "' is not groupId:artifactId[:type[:classifier]]:version");
            }
            String group = p[0];
            String artifact = p[1];
            String version = p[p.length - 1];
            String type = p.length >= 4 ? p[2] : "jar";
            String classifier = p.length == 5 ? "-" + p[3] : "";
            return repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + classifier + "." + type);
        }
    }

    /**
     * Reads a feature file.
     *
     * @throws LaunchException if it cannot be read or does not follow the format
     */
    public static Feature read(Path file, ObjectMapper mapper) throws LaunchException {
        JsonNode root;
        try {
            root = mapper.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new LaunchException("cannot read feature " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("id").isTextual()) {
            throw new LaunchException("feature " + file + " has no \"id\"");
        }
        String version = root.path("feature-resource-version").asText("1.0");
        if (!version.startsWith("1.")) {
            throw new LaunchException("feature " + file + " uses feature-resource-version " + version + "; 1.x is supported");
        }
        List<Bundle> bundles = new ArrayList<>();
        for (JsonNode b : root.path("bundles")) {
            if (!b.path("id").isTextual()) {
                throw new LaunchException("feature " + file + " lists a bundle without an \"id\"");
            }
            bundles.add(new Bundle(b.get("id").asText(), b.path("start-order").asInt(1)));
        }
        return new Feature(root.get("id").asText(), root.path("name").asText(null), List.copyOf(bundles));
    }
}

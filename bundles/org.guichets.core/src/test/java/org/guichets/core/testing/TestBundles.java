package org.guichets.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small plugin jars at test time, good ones and broken ones, so that tests can install or
 * drop them without a build module for each case.
 */
public final class TestBundles {

    /** The descriptor path used by the bundles built here. */
    public static final String DESCRIPTOR_PATH = "OSGI-INF/guichets/dispositif.json";

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean manifest = true;

    private TestBundles() {}

    /** A bundle with this symbolic name and version 1.0.0. */
    public static TestBundles bundle(String symbolicName) {
        TestBundles b = new TestBundles();
        b.headers.put("Bundle-ManifestVersion", "2");
        b.headers.put("Bundle-SymbolicName", symbolicName);
        b.headers.put("Bundle-Version", "1.0.0");
        b.headers.put("Bundle-Name", symbolicName);
        return b;
    }

    /** A plain jar: a manifest without any OSGi header. */
    public static TestBundles plainJar() {
        TestBundles b = new TestBundles();
        b.headers.put("Created-By", "Guichets tests");
        return b;
    }

    /** A scheme plugin whose descriptor is {@code json}. */
    public static TestBundles plugin(String symbolicName, String json) {
        return bundle(symbolicName)
                .header("Guichets-Dispositif", DESCRIPTOR_PATH)
                .entry(DESCRIPTOR_PATH, json);
    }

    /** A minimal valid descriptor for a scheme {@code id} with one guichet {@code guichetId}. */
    public static String descriptor(String id, String name, String guichetId, String guichetName) {
        return "{\n"
                + "  \"schemaVersion\": \"1.0\",\n"
                + "  \"id\": \"" + id + "\",\n"
                + "  \"name\": {\"fr\": \"" + name + "\", \"en\": \"" + name + " (en)\"},\n"
                + "  \"referentialVersion\": \"v1\",\n"
                + "  \"guichets\": [ {\"id\": \"" + guichetId + "\", \"name\": {\"fr\": \"" + guichetName + "\"}} ]\n"
                + "}\n";
    }

    public TestBundles header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestBundles entry(String path, String content) {
        entries.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public TestBundles entry(String path, byte[] content) {
        entries.put(path, content);
        return this;
    }

    /** Adds the compiled class, read from the test class path, and declares it as the activator. */
    public TestBundles activator(Class<?> activator) {
        String path = activator.getName().replace('.', '/') + ".class";
        try (InputStream in = activator.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("class file not found: " + path);
            }
            entries.put(path, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        headers.put("Bundle-Activator", activator.getName());
        headers.merge("Import-Package", "org.osgi.framework", (a, b) -> a + "," + b);
        return this;
    }

    /** Leaves out the manifest entirely. */
    public TestBundles withoutManifest() {
        manifest = false;
        return this;
    }

    /** The jar's bytes. */
    public byte[] build() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = manifest ? new JarOutputStream(bytes, manifest()) : new JarOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Manifest manifest() {
        Manifest m = new Manifest();
        Attributes main = m.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach((k, v) -> main.put(new Attributes.Name(k), v));
        return m;
    }
}

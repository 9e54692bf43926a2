package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.guichets.core.testing.TestBundles;
import org.guichets.core.testing.ThrowingActivator;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Broken plugins dropped into deploy/ while the platform runs: each is reported with its reason
 * in /health (and the log), and the platform and the other plugin keep working.
 */
public class BadPluginIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static GuichetsProcess guichets;
    private Path dropped;

    @BeforeClass
    public static void startWithTheSamplePlugin() throws Exception {
        guichets = GuichetsProcess.start(tmp.newFolder("run").toPath(), GuichetsProcess.PLATFORM_ONLY);
        Files.copy(GuichetsProcess.samplePlugin(), guichets.deployDir().resolve("sample.jar"));
        guichets.awaitHealth("sample scheme active", WAIT, h -> GuichetsProcess.find(h, "dispositifs", "id", "exemple")
                .map(d -> d.path("state").asText().equals("ACTIVE")).orElse(false));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (guichets != null) {
            guichets.close();
        }
    }

    @After
    public void removeTheBadPluginAndCheckRecovery() throws Exception {
        if (dropped != null) {
            Files.deleteIfExists(dropped);
            JsonNode h = guichets.awaitHealth("recovery after removing " + dropped.getFileName(), WAIT,
                    x -> GuichetsProcess.find(x, "deployments", "file", dropped.getFileName().toString()).isEmpty()
                            && x.path("status").asText().equals("UP"));
            assertEquals(1, h.path("dispositifs").size());
        }
    }

    private JsonNode drop(String file, byte[] jar) throws Exception {
        Path tmpFile = tmp.newFile(file + ".part").toPath();
        Files.write(tmpFile, jar);
        dropped = guichets.deployDir().resolve(file);
        // an atomic move, as a careful operator (or the admin upload) does: FileInstall never sees half a jar
        Files.move(tmpFile, dropped, StandardCopyOption.ATOMIC_MOVE);
        return guichets.awaitHealth(file + " reported FAILED", WAIT,
                h -> GuichetsProcess.find(h, "deployments", "file", file)
                        .map(d -> d.path("outcome").asText().equals("FAILED")).orElse(false));
    }

    /**
     * /health once it lists the scheme: it is eventually consistent, and on a loaded machine the
     * file's outcome can be reported before the scheme's list shows the failed scheme.
     */
    private JsonNode awaitScheme(String id) throws Exception {
        return guichets.awaitHealth(id + " published FAILED", WAIT, x -> GuichetsProcess.find(x, "dispositifs", "id", id).isPresent());
    }

    private static String reason(JsonNode health, String file) {
        return GuichetsProcess.find(health, "deployments", "file", file).orElseThrow().path("reason").asText();
    }

    private void assertPlatformStillServes(JsonNode health) throws Exception {
        assertEquals(health.toString(), "DEGRADED", health.path("status").asText());
        JsonNode sample = GuichetsProcess.find(health, "dispositifs", "id", "exemple").orElseThrow();
        assertEquals("ACTIVE", sample.path("state").asText());
        assertEquals(200, guichets.get("/").statusCode());
    }

    @Test
    public void aJarThatIsNotABundle() throws Exception {
        JsonNode h = drop("plain.jar", TestBundles.plainJar().entry("readme.txt", "hello").build());
        assertEquals("not an OSGi bundle: its manifest has no Bundle-SymbolicName", reason(h, "plain.jar"));
        assertPlatformStillServes(h);
        guichets.awaitHealth("log line", WAIT, x -> guichets.log().contains("Plugin plain.jar in"));
    }

    @Test
    public void aBundleWithUnresolvedImports() throws Exception {
        JsonNode h = drop("unresolved.jar", TestBundles.bundle("it.unresolved")
                .header("Import-Package", "com.example.nowhere;version=\"[1.0,2)\"").build());
        String reason = reason(h, "unresolved.jar");
        assertTrue(reason, reason.startsWith("unresolved: missing requirement osgi.wiring.package"));
        assertTrue(reason, reason.contains("com.example.nowhere"));
        assertEquals("INSTALLED", GuichetsProcess.find(h, "deployments", "file", "unresolved.jar").orElseThrow()
                .path("bundleState").asText());
        assertPlatformStillServes(h);
    }

    @Test
    public void aDescriptorThatIsNotJson() throws Exception {
        JsonNode h = drop("notjson.jar", TestBundles.plugin("it.notjson", "{ this is not json").build());
        assertTrue(reason(h, "notjson.jar"), reason(h, "notjson.jar").startsWith("the scheme was refused: the descriptor is not valid JSON"));
        JsonNode scheme = GuichetsProcess.find(awaitScheme("it.notjson"), "dispositifs", "id", "it.notjson").orElseThrow();
        assertEquals("FAILED", scheme.path("state").asText());
        assertPlatformStillServes(h);
    }

    @Test
    public void aDescriptorThatBreaksTheSchema() throws Exception {
        String json = TestBundles.descriptor("it-schema", "Schéma", "desk", "Desk").replace("\"desk\"", "\"Desk Id\"");
        JsonNode h = drop("schema.jar", TestBundles.plugin("it.schema", json).build());
        String reason = GuichetsProcess.find(awaitScheme("it.schema"), "dispositifs", "id", "it.schema").orElseThrow().path("reason")
                .asText();
        assertTrue(reason, reason.contains("breaks the schema"));
        assertTrue(reason, reason.contains("/guichets/0/id"));
        assertPlatformStillServes(h);
    }

    @Test
    public void aPluginWhoseActivatorThrows() throws Exception {
        JsonNode h = drop("throws.jar", TestBundles.plugin("it.throws",
                TestBundles.descriptor("it-throws", "Lanceur", "desk", "Desk")).activator(ThrowingActivator.class).build());
        // /health is eventually consistent: on a loaded machine the file can be reported (resolved, not started)
        // before FileInstall has started it and the extender has published the failed scheme
        h = awaitScheme("it.throws");
        JsonNode scheme = GuichetsProcess.find(h, "dispositifs", "id", "it.throws").orElseThrow();
        assertEquals("FAILED", scheme.path("state").asText());
        assertTrue(scheme.toString(), scheme.path("reason").asText().contains("activator threw"));
        assertPlatformStillServes(h);
        guichets.awaitHealth("the exception in the log", WAIT, x -> guichets.log().contains("plugin start failure (test)"));
    }
}

package org.guichets.e2e;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.regex.Pattern;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The assembled distribution: starts, serves, refuses what it must, stops gracefully. */
public class LauncherIT {

    /** The services /health checks: the core's, the evidence store and the signing bundle's verifier. */
    private static final int HEALTH_SERVICES = 13;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void startsTheWholePlatformServesThePortalAndStopsOnSigterm() throws Exception {
        Path work = tmp.newFolder("run").toPath();
        try (GuichetsProcess g = GuichetsProcess.start(work)) {
            // the shipped configuration provisions the EDC PSC scheme: its three bundles make one dispositif
            g.awaitHealth("EDC PSC deployed", Duration.ofSeconds(30), h -> GuichetsProcess.find(h, "dispositifs", "id", "edc-psc")
                    .filter(d -> d.path("state").asText().equals("ACTIVE") && d.path("guichets").size() == 2).isPresent());
            JsonNode health = g.health();
            assertEquals(health.toString(), "UP", health.path("status").asText());
            assertEquals("ACTIVE", health.path("framework").path("state").asText());
            for (String bsn : new String[] {"org.apache.felix.scr", "org.apache.felix.configadmin",
                    "org.apache.felix.fileinstall", "org.guichets.core"}) {
                JsonNode b = GuichetsProcess.find(health, "bundles", "symbolicName", bsn)
                        .orElseThrow(() -> new AssertionError(bsn + " not installed: " + health));
                assertEquals(bsn, "ACTIVE", b.path("state").asText());
                assertTrue(bsn, b.path("platform").asBoolean());
            }
            assertTrue("the API is exported by the system bundle, not installed as a bundle",
                    GuichetsProcess.find(health, "bundles", "symbolicName", "org.guichets.api").isEmpty());
            assertEquals(health.path("dispositifs").toString(), 1, health.path("dispositifs").size());
            assertEquals(List.of("editeur", "operateur"), GuichetsProcess.find(health, "dispositifs", "id", "edc-psc").orElseThrow()
                    .path("guichets").findValuesAsText("id"));
            assertTrue("no demo accounts without --demo", !Files.exists(work.resolve("data").resolve("demo-credentials.txt")));
            health.path("services").fields().forEachRemaining(
                    e -> assertEquals(e.getKey() + " is up", "UP", e.getValue().asText()));
            assertEquals(HEALTH_SERVICES, health.path("services").size());
            assertEquals("no signing key without a keystore or --demo: deliverables wait", "NO_KEY",
                    health.path("signing").asText());

            HttpResponse<String> page = g.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body(), page.body().contains("<html"));

            // a second instance on the same data folder is refused, in one line, without hanging
            GuichetsProcess second = GuichetsProcess.launch(work);
            assertTrue("second instance exits", second.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, second.process().exitValue());
            assertEquals("guichets: failed to start: another Guichets is running with the data folder " + work.resolve("data"),
                    lastLine(second.log()));

            int code = g.stop();
            assertEquals("exit status of a JVM ended by SIGTERM", 143, code);
            assertTrue(g.log(), g.log().contains("Guichets stopped"));
        }
    }

    @Test
    public void theShellFlagStartsGogoWithTheGuichetsCommands() throws Exception {
        Path work = tmp.newFolder("shell").toPath();
        GuichetsProcess g = GuichetsProcess.launch(work, "--shell");
        try {
            g.awaitHealthy();
            Files.copy(GuichetsProcess.samplePlugin(), g.deployDir().resolve("sample.jar"));
            g.awaitHealth("sample deployed", Duration.ofSeconds(15),
                    h -> GuichetsProcess.find(h, "dispositifs", "id", "exemple").isPresent());
            Writer console = new OutputStreamWriter(g.process().getOutputStream(), StandardCharsets.UTF_8);
            console.write("guichets:dispositifs\n");
            console.flush();
            g.awaitHealth("the command's output", Duration.ofSeconds(15),
                    h -> Pattern.compile("exemple\\s+ACTIVE\\s+v1\\s+org\\.guichets\\.sample").matcher(g.log()).find());
            assertTrue(g.log(), g.log().contains("Apache Felix Gogo"));
        } finally {
            g.close();
        }
    }

    /**
     * A bundle's jar on the host class path would make the host see its classes: the framework then
     * hides services whose classes the host loads differently (a bug seen once: AuditTrail missing).
     */
    @Test
    public void noPlatformBundleIsOnTheHostClassPath() throws Exception {
        Path home = GuichetsProcess.home();
        java.util.Set<String> bundles;
        try (var files = Files.walk(home.resolve("bundles"))) {
            bundles = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .collect(java.util.stream.Collectors.toSet());
        }
        try (var lib = Files.list(home.resolve("lib"))) {
            java.util.List<String> shadowing = lib.map(p -> p.getFileName().toString())
                    .filter(bundles::contains)
                    .filter(n -> !n.startsWith("jackson-")) // the host's own JSON, never a service type
                    .toList();
            assertTrue("on the host class path and in bundles/: " + shadowing, shadowing.isEmpty());
        }
    }

    @Test
    public void theDemoFlagCreatesDemoAccountsAndOnlyThen() throws Exception {
        Path work = tmp.newFolder("demo").toPath();
        GuichetsProcess g = GuichetsProcess.launch(work, "--demo");
        try {
            g.awaitHealthy();
            Path credentials = work.resolve("data").resolve("demo-credentials.txt");
            g.awaitHealth("demo accounts", Duration.ofSeconds(20), h -> Files.exists(credentials));
            String text = Files.readString(credentials);
            assertTrue(text, Pattern.compile("^admin@demo\\.guichets\\.test [A-Za-z0-9]{16}$", Pattern.MULTILINE).matcher(text).find());
            assertTrue(g.log(), g.log().contains("DEMO MODE"));
        } finally {
            g.close();
        }
    }

    @Test
    public void aTakenPortMakesTheStartFailFastWithTheReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            GuichetsProcess g = GuichetsProcess.launch(tmp.newFolder("port").toPath(), taken.getLocalPort());
            assertTrue("exits instead of hanging", g.process().waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, g.process().exitValue());
            String last = lastLine(g.log());
            assertTrue(last, last.startsWith("guichets: failed to start: cannot listen on port " + taken.getLocalPort()));
        }
    }

    @Test
    public void aBadOptionExitsWithUsage() throws Exception {
        GuichetsProcess g = GuichetsProcess.launch(tmp.newFolder("opt").toPath(), "--colour", "blue");
        assertTrue(g.process().waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, g.process().exitValue());
        assertTrue(g.log(), lastLine(g.log()).startsWith("guichets: unknown option '--colour'"));
    }

    private static String lastLine(String log) {
        String[] lines = log.strip().split("\n");
        return lines[lines.length - 1];
    }
}

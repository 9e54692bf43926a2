package org.guichets.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The assembled distribution ({@code target/guichets}) started as a separate process with
 * {@code bin/guichets}, its own port, data and deploy folders; stopped with SIGTERM.
 */
public final class GuichetsProcess implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path work;
    private final int port;
    private final Process process;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private GuichetsProcess(Path work, int port, Process process, Path log) {
        this.work = work;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** The installation under test, from the {@code guichets.it.home} system property set by the build. */
    public static Path home() {
        String home = System.getProperty("guichets.it.home");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "guichets"))) {
            throw new IllegalStateException("no assembled distribution at " + home + ": run the tests with 'mvn verify'");
        }
        return Path.of(home);
    }

    /** The sample scheme plugin's jar, copied by the build. */
    public static Path samplePlugin() {
        Path p = Path.of(System.getProperty("guichets.it.samplePlugin", "missing"));
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sample plugin missing at " + p + ": run the tests with 'mvn verify'");
        }
        return p;
    }

    /** Launches {@code bin/guichets} with a free port and fresh folders under {@code work}, without waiting. */
    public static GuichetsProcess launch(Path work, String... extraArgs) throws IOException {
        int port = freePort();
        return launch(work, port, extraArgs);
    }

    static GuichetsProcess launch(Path work, int port, String... extraArgs) throws IOException {
        Files.createDirectories(work);
        List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/guichets").toString(),
                "--port", Integer.toString(port),
                "--data", work.resolve("data").toString(),
                "--deploy", work.resolve("deploy").toString()));
        cmd.addAll(List.of(extraArgs));
        Path log = work.resolve("guichets.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new GuichetsProcess(work, port, p, log);
    }

    /** The options that start the platform alone, without the schemes the shipped configuration provisions. */
    public static final String[] PLATFORM_ONLY = {"--features", "guichets-platform"};

    /** Launches and waits until {@code /health} answers. */
    public static GuichetsProcess start(Path work, String... extraArgs) throws Exception {
        GuichetsProcess g = launch(work, extraArgs);
        g.awaitHealthy();
        return g;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("guichets exited with " + process.exitValue() + " before it was ready:\n" + log());
            }
            try {
                if (get("/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("guichets not healthy within " + START_TIMEOUT + ":\n" + log());
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public Path deployDir() {
        return work.resolve("deploy");
    }

    public Process process() {
        return process;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode health() throws IOException, InterruptedException {
        return JSON.readTree(get("/health").body());
    }

    /** Polls {@code /health} until {@code condition} holds, failing with {@code what} and the log after {@code timeout}. */
    public JsonNode awaitHealth(String what, Duration timeout, Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = health();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what + "; last /health:\n" + last + "\nlog:\n" + log());
    }

    /** The entry of {@code array} (dispositifs or deployments) whose {@code field} is {@code value}. */
    public static Optional<JsonNode> find(JsonNode health, String array, String field, String value) {
        for (JsonNode n : health.path(array)) {
            if (value.equals(n.path(field).asText())) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Sends SIGTERM and waits for the process; returns its exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("guichets did not stop within 30 s of SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}

package org.guichets.benchmarks;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Measures the assembled distribution from outside, as a user meets it.
 *
 * <ul>
 *   <li>{@code startup N}: N rounds, alternating, of process start → first {@code GET /} answered
 *       200, for {@code bin/guichets} and for the bare Vaadin page ({@link
 *       org.guichets.benchmarks.bare.BareVaadinMain}); goal ≤ 1.5× the bare page.
 *   <li>{@code deploy N}: with Guichets running and the portal open in headless Chromium, N
 *       rounds of: sample plugin jar moved into deploy/ → scheme in the registry ({@code /health})
 *       → scheme card in the open page (pushed); goal ≤ 0.5 s.
 * </ul>
 *
 * <p>System properties: {@code guichets.home} (default {@code distribution/target/guichets}),
 * {@code bench.lib} (default {@code benchmarks/target}).
 */
public final class Bench {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home = Path.of(System.getProperty("guichets.home", "distribution/target/guichets")).toAbsolutePath();
    private final Path benchDir = Path.of(System.getProperty("bench.lib", "benchmarks/target")).toAbsolutePath();
    private final Path work;

    private Bench() throws IOException {
        work = Files.createTempDirectory("guichets-bench");
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Bench bench = new Bench();
        try {
            System.out.printf(Locale.ROOT, "Java %s, %d cores%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors());
            if (what.equals("startup") || what.equals("all")) {
                bench.startup(rounds);
            }
            if (what.equals("deploy") || what.equals("all")) {
                bench.deploy(rounds);
            }
        } finally {
            bench.clean();
        }
    }

    private void startup(int rounds) throws Exception {
        Stats guichets = new Stats();
        Stats bare = new Stats();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String bareClasspath = benchDir.resolve("guichets-benchmarks.jar") + ":" + benchDir.resolve("lib") + "/*";
        // one warm-up round each: the first start pays for the page cache
        for (int i = -1; i < rounds; i++) {
            int port = freePort();
            Path run = Files.createDirectories(work.resolve("startup-" + i));
            double g = timeToFirstPage(new ProcessBuilder(home.resolve("bin/guichets").toString(), "--port", "" + port,
                    "--data", run.resolve("data").toString(), "--deploy", run.resolve("deploy").toString()), port, run);
            port = freePort();
            double b = timeToFirstPage(new ProcessBuilder(java, "-cp", bareClasspath,
                    "org.guichets.benchmarks.bare.BareVaadinMain", "" + port, run.resolve("bare").toString()), port, run);
            if (i >= 0) {
                guichets.add(g);
                bare.add(b);
            }
        }
        System.out.println("startup  guichets (process start -> GET / 200): " + guichets);
        System.out.println("startup  bare Vaadin 24 page, same Jetty setup:  " + bare);
        System.out.printf(Locale.ROOT, "startup  ratio of medians: %.2fx (goal <= 1.5x)%n", guichets.median() / bare.median());
    }

    private static double timeToFirstPage(ProcessBuilder pb, int port, Path run) throws Exception {
        pb.redirectErrorStream(true).redirectOutput(run.resolve("process-" + port + ".log").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            URI uri = URI.create("http://localhost:" + port + "/");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return (System.nanoTime() - t0) / 1e6;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("process exited: see " + run);
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("no page within 60 s: see " + run);
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void deploy(int rounds) throws Exception {
        int port = freePort();
        Path run = Files.createDirectories(work.resolve("deploy-run"));
        Path deployDir = run.resolve("deploy");
        Process p = new ProcessBuilder(home.resolve("bin/guichets").toString(), "--port", "" + port,
                "--data", run.resolve("data").toString(), "--deploy", deployDir.toString())
                .redirectErrorStream(true).redirectOutput(run.resolve("guichets.log").toFile()).start();
        ChromeDriver driver = null;
        try {
            awaitHealth(port, h -> true);
            driver = chromium(run.resolve("chromium"));
            driver.get("http://localhost:" + port + "/");
            awaitScript(driver, "return document.getElementById('dispositifs') != null");
            Path sample = benchDir.resolve("org.guichets.sample.jar");
            Stats registry = new Stats();
            Stats page = new Stats();
            for (int i = -1; i < rounds; i++) {
                Path staged = run.resolve("staged.jar");
                Files.copy(sample, staged, StandardCopyOption.REPLACE_EXISTING);
                // the page resolves with Date.now() when the card appears: same machine, same wall clock
                driver.executeScript("window.__shown = null; const t = document.getElementById('dispositifs');"
                        + "new MutationObserver((m, o) => { if (t.querySelector(\"section[data-dispositif='exemple']\")) {"
                        + " window.__shown = Date.now(); o.disconnect(); } }).observe(t, {childList: true, subtree: true});");
                long wall0 = System.currentTimeMillis();
                long t0 = System.nanoTime();
                Files.move(staged, deployDir.resolve("sample.jar"), StandardCopyOption.ATOMIC_MOVE);
                awaitHealth(port, h -> deployed(h, "exemple"));
                double inRegistry = (System.nanoTime() - t0) / 1e6;
                Object shown = awaitScript(driver, "return window.__shown");
                double inPage = ((Number) shown).longValue() - wall0;
                if (i >= 0) {
                    registry.add(inRegistry);
                    page.add(inPage);
                }
                Files.delete(deployDir.resolve("sample.jar"));
                awaitHealth(port, h -> !deployed(h, "exemple"));
                awaitScript(driver, "return document.querySelector(\"section[data-dispositif='exemple']\") == null");
            }
            System.out.println("deploy   jar moved into deploy/ -> scheme in the registry (/health): " + registry);
            System.out.println("deploy   jar moved into deploy/ -> card shown in the open page (push): " + page);
        } finally {
            if (driver != null) {
                driver.quit();
            }
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Whether {@code /health} lists the dispositif among the deployed ones (the EDC PSC scheme is always there). */
    private static boolean deployed(JsonNode health, String dispositif) {
        for (JsonNode d : health.path("dispositifs")) {
            if (dispositif.equals(d.path("id").asText()) && "ACTIVE".equals(d.path("state").asText())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode awaitHealth(int port, java.util.function.Predicate<JsonNode> condition) throws Exception {
        URI uri = URI.create("http://localhost:" + port + "/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    JsonNode h = JSON.readTree(r.body());
                    if (condition.test(h)) {
                        return h;
                    }
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("condition not met on /health within 60 s");
    }

    private static Object awaitScript(ChromeDriver driver, String script) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Object v = ((JavascriptExecutor) driver).executeScript(script);
            if (v != null && !Boolean.FALSE.equals(v)) {
                return v;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("script never true: " + script);
    }

    private static ChromeDriver chromium(Path profile) {
        System.setProperty("SE_OFFLINE", "true");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build(), options);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void clean() throws IOException {
        try (var paths = Files.walk(work)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }
}

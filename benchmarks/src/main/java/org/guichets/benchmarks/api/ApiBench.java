package org.guichets.benchmarks.api;

import static org.guichets.benchmarks.Await.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.ApiScope;
import org.guichets.api.identity.ApiTokenService;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;

/**
 * The REST API under load from a second process: Guichets embedded in this JVM (H2), a vendor with
 * a token and a candidature whose form is validated, then {@code wrk} (Debian package) on loopback
 * against one read endpoint ({@code GET /api/v1/candidatures/{n}}: token check, account re-read,
 * candidature read, JSON) and the upload endpoint (a 64 KB PDF streamed to a piece of evidence:
 * token, checks, SHA-256, fsync, rename, row), with {@code /api/openapi.json} (no token, a static
 * resource) as the servlet's floor. Run with {@code benchmarks/run api [seconds] [connections]}.
 */
public final class ApiBench {

    private static final String PASSWORD = "un mot de passe assez long";

    private ApiBench() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path home = Path.of(System.getProperty("guichets.home", "distribution/target/guichets")).toAbsolutePath();
        Path work = Files.createTempDirectory("guichets-api-bench");
        System.out.printf(Locale.ROOT, "Java %s, %d cores, %s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), run("wrk", "-v").lines().findFirst().orElse("wrk ?"));
        try (Main.Embedded guichets = Main.embed(home, "--port", "0", "--data", work.resolve("data").toString(), "--deploy",
                work.resolve("deploy").toString())) {
            PlatformServices services = guichets.services();
            IdentityService identity = await(() -> services.get(IdentityService.class));
            await(() -> services.get(DispositifRegistry.class).flatMap(r -> r.find("edc-psc")));
            identity.registerOrganization(new NewOrganization("Acme Santé", "73282932000074", "5710",
                    new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                    new NewAccount("jeanne@acme-sante.fr", "Jeanne Martin", PASSWORD.toCharArray(), null));
            Actor vendor = identity.authenticate("jeanne@acme-sante.fr", PASSWORD.toCharArray());
            identity.createStaffAccount(Actor.system(), new NewAccount("ines@agence.example", "Inès", PASSWORD.toCharArray(),
                    null), Set.of(PlatformRole.REVIEWER));
            Actor reviewer = identity.authenticate("ines@agence.example", PASSWORD.toCharArray());
            long product = await(() -> services.get(ProductService.class)).create(vendor, new ProductDraft("Agenda Santé",
                    "2.1", "NIL-AGENDA", vendor.accountId(), "Agenda", null, Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC))).id();
            String number = await(() -> services.get(CandidatureService.class)).create(vendor, product, "edc-psc", "editeur")
                    .number();
            FormService forms = await(() -> services.get(FormService.class));
            long v = forms.save(vendor, number, forms.get(vendor, number).version(), Map.of("profiles", "ELU", "nie", "NIE-1",
                    "nil", "NIL-AGENDA", "datapass", "DP-1", "clientIdBas", "bas-1", "additionalComponents", "aucun",
                    "architecture", "web", "plannedDeposit", "2027-01-15")).version();
            forms.validate(reviewer, number, forms.submit(vendor, number, v).version());
            EvidenceService evidence = await(() -> services.get(EvidenceService.class));
            var chapter = evidence.deposit(vendor, number).chapters().get(0);
            var view = evidence.chapter(vendor, number, chapter.chapterId());
            var requirement = view.requirements().stream().filter(r -> r.evidence().stream()
                    .anyMatch(e -> e.mediaTypes().contains("application/pdf"))).findFirst().orElseThrow();
            var piece = requirement.evidence().stream().filter(e -> e.mediaTypes().contains("application/pdf")).findFirst()
                    .orElseThrow();
            String token = await(() -> services.get(ApiTokenService.class)).create(vendor, "bench",
                    Set.of(ApiScope.READ, ApiScope.WRITE), null).secret();

            String base = "http://127.0.0.1:" + guichets.port();
            Path pdf = work.resolve("piece.pdf");
            byte[] body = new byte[64 * 1024];
            byte[] head = "%PDF-1.7\n1 0 obj << >> endobj\n".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, body, 0, head.length);
            for (int i = head.length; i < body.length - 6; i++) {
                body[i] = (byte) ('a' + i % 26);
            }
            System.arraycopy("%%EOF\n".getBytes(StandardCharsets.US_ASCII), 0, body, body.length - 6, 6);
            Files.write(pdf, body);
            Path lua = work.resolve("upload.lua");
            Files.writeString(lua, "local f = io.open(\"" + pdf + "\", \"rb\")\nwrk.method = \"POST\"\nwrk.body = f:read(\"*all\")\n"
                    + "f:close()\nwrk.headers[\"Content-Type\"] = \"application/pdf\"\n"
                    + "wrk.headers[\"Authorization\"] = \"Bearer " + token + "\"\n");
            String upload = base + "/api/v1/candidatures/" + number + "/chapters/" + chapter.chapterId() + "/requirements/"
                    + requirement.ref() + "/evidence/" + piece.id() + "/files?fileName=piece.pdf";
            String read = base + "/api/v1/candidatures/" + number;

            // warm-up, then the measured runs
            wrk(List.of("-d5s", "-c4", "-t2", "-H", "Authorization: Bearer " + token, read));
            report("GET /api/openapi.json (no token, static)", wrk(List.of("-d" + seconds + "s", "-c" + connections, "-t2",
                    "--latency", base + "/api/openapi.json")));
            report("GET /api/v1/candidatures/{n}", wrk(List.of("-d" + seconds + "s", "-c" + connections, "-t2", "--latency",
                    "-H", "Authorization: Bearer " + token, read)));
            long before = evidence.chapter(vendor, number, chapter.chapterId()).files().size();
            report("POST …/files (64 KB PDF)", wrk(List.of("-d" + seconds + "s", "-c" + connections, "-t2", "--latency",
                    "-s", lua.toString(), upload)));
            long after = evidence.chapter(vendor, number, chapter.chapterId()).files().size();
            System.out.printf(Locale.ROOT, "upload   files stored during the run: %d (%.1f MB)%n", after - before,
                    (after - before) * body.length / 1048576.0);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void report(String what, String out) {
        System.out.println("== " + what);
        out.lines().filter(l -> l.contains("Requests/sec") || l.contains("Transfer/sec") || l.matches("\\s+(50|90|99)%.*")
                || l.contains("Non-2xx") || l.contains("Socket errors") || l.contains("requests in")).forEach(System.out::println);
    }

    private static String wrk(List<String> args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("wrk"));
        command.addAll(args);
        return run(command.toArray(String[]::new));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("wrk is not installed: apt-get install -y wrk", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.MINUTES);
        return out;
    }
}

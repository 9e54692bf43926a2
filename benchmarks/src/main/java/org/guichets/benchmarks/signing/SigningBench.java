package org.guichets.benchmarks.signing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.signing.internal.PadesSigner;
import org.guichets.signing.internal.PdfRenderer;
import org.guichets.signing.internal.SigningKeys;

/**
 * Render + sign throughput of deliverables on one thread (PAdES baseline B, RSA-2048, an
 * habilitation letter of R-21), side by side, in alternating rounds of the same run, with raw
 * RSA-2048 signatures of a SHA-256 digest: the floor no PDF signature can go under. Goal: ≥ 0.3×.
 *
 * <pre>java -cp ... org.guichets.benchmarks.signing.SigningBench [seconds per round] [rounds]</pre>
 */
public final class SigningBench {

    private SigningBench() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("guichets-signing-bench");
        SigningKeys keys = SigningKeys.demo(dir, "Agence (banc d'essai)");
        PdfRenderer renderer = new PdfRenderer();
        PadesSigner signer = new PadesSigner(keys, null);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest("habilitation".getBytes());

        // warm-up, as long as two measured rounds of each: the JIT compiles PDFBox's and
        // BouncyCastle's paths well after the first hundred documents
        byte[] sample = null;
        long warm = System.nanoTime() + (long) (2 * seconds * 1e9);
        for (int i = 0; System.nanoTime() < warm; i++) {
            sample = signer.sign(renderer.render(content(i), "Agence"), Instant.now(), "Agence", "Habilitation", null);
            rsaSign(rsa, keys, digest);
        }
        System.out.printf(Locale.ROOT, "deliverable PDF: %d bytes%n", sample.length);

        List<Double> docs = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            long start = System.nanoTime();
            int n = 0;
            while (System.nanoTime() < deadline) {
                signer.sign(renderer.render(content(n), "Agence"), Instant.now(), "Agence", "Habilitation", null);
                n++;
            }
            docs.add(n / ((System.nanoTime() - start) / 1e9));

            deadline = System.nanoTime() + (long) (seconds * 1e9);
            start = System.nanoTime();
            n = 0;
            while (System.nanoTime() < deadline) {
                rsaSign(rsa, keys, digest);
                n++;
            }
            raw.add(n / ((System.nanoTime() - start) / 1e9));
            System.out.printf(Locale.ROOT, "round %d: %.1f deliverables/s, %.1f RSA-2048 signatures/s, ratio %.2f%n", r + 1,
                    docs.get(r), raw.get(r), docs.get(r) / raw.get(r));
        }
        double d = median(docs);
        double s = median(raw);
        System.out.printf(Locale.ROOT, "median: %.1f deliverables/s (render + PAdES-B sign), %.1f raw RSA-2048 signatures/s,"
                + " ratio %.2f (goal >= 0.30)%n", d, s, d / s);
    }

    private static void rsaSign(Signature rsa, SigningKeys keys, byte[] digest) throws Exception {
        rsa.initSign(keys.privateKey());
        rsa.update(digest);
        rsa.sign();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

    private static DeliverableContent content(int i) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String id = String.format(Locale.ROOT, "HAB-%04d-QX9P-3RTD", i % 10000).replace('0', 'A');
        return new DeliverableContent(id, "habilitation", "Habilitation — Espace de Confiance Pro Santé Connect",
                "Espace de Confiance PSC", "Guichet Editeur",
                "L'agence habilite le logiciel ci-dessous dans l'« Espace de Confiance » pour les profils indiqués.",
                List.of(new DeliverableContent.Line("Contact administratif", "Jeanne Martin — jeanne.martin@acme.fr"),
                        new DeliverableContent.Line("Lieu et date", "Paris, le 29 novembre 2026"),
                        new DeliverableContent.Line("Date des tests de conformité", "12 novembre 2026"),
                        new DeliverableContent.Line("Profil(s)", "ELU (logiciel utilisateur), ELP (logiciel proxy)"),
                        new DeliverableContent.Line("Logiciel", "Agenda Santé Œuvre"),
                        new DeliverableContent.Line("Version", "2.1." + i),
                        new DeliverableContent.Line("Client id", "agenda-sante-prod"),
                        new DeliverableContent.Line("NRU", "12345678903")),
                now, now.plus(3 * 365, ChronoUnit.DAYS), "https://guichets.example/verify/" + id);
    }
}

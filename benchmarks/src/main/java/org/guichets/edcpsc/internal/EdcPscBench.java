package org.guichets.edcpsc.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.guichets.api.EvidenceKind;
import org.guichets.api.PluginOrigin;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.identity.Actor;
import org.guichets.core.internal.DispositifRegistryImpl;

/**
 * What the EDC PSC plugins cost while a candidate waits: a pen-test form evaluated on upload
 * a conformity-tool report read, and the scheme's three descriptors validated and
 * merged when they deploy. In this package to reach the checks' constructors; run with
 * {@code benchmarks/run edcpsc}.
 */
public final class EdcPscBench {

    private EdcPscBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        System.out.printf(Locale.ROOT, "Java %s, %d cores%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        PassiProviders passi = new PassiProviders(Files.createTempDirectory("bench-passi").resolve("p.csv"), new NoAudit());
        PenTestFormCheck penTest = new PenTestFormCheck(passi, java.time.Clock.system(Texts.AGENCY_ZONE), 10, "P1Y");
        ConformityReportCheck report = new ConformityReportCheck();
        for (int points : new int[] {60, 1000}) {
            byte[] form = penTestForm(points);
            CheckedFile f = file(EvidenceKind.PEN_TEST_FORM, form.length);
            time(String.format(Locale.ROOT, "pen-test form, %d points (%d KB)", points, form.length / 1024), rounds, () -> {
                CheckResult r = penTest.check(f, new ByteArrayInputStream(form));
                if (r.outcome() != CheckResult.Outcome.PASSED) {
                    throw new AssertionError(r);
                }
            });
        }
        for (int checks : new int[] {50, 20_000}) {
            byte[] json = report(checks);
            CheckedFile f = file(EvidenceKind.CONFORMITY_REPORT, json.length);
            time(String.format(Locale.ROOT, "conformity report, %d checks (%d KB)", checks, json.length / 1024),
                    checks > 1000 ? rounds / 20 : rounds, () -> {
                        CheckResult r = report.check(f, new ByteArrayInputStream(json));
                        if (r.outcome() != CheckResult.Outcome.PASSED) {
                            throw new AssertionError(r);
                        }
                    });
        }
        byte[] base = resource("/OSGI-INF/guichets/dispositif.json", "org.guichets.edcpsc");
        byte[] editeur = resource("/OSGI-INF/guichets/dispositif.json", "org.guichets.edcpsc.editeur");
        byte[] operateur = resource("/OSGI-INF/guichets/dispositif.json", "org.guichets.edcpsc.operateur");
        DispositifRegistryImpl registry = new DispositifRegistryImpl();
        try {
            time(String.format(Locale.ROOT, "EDC PSC deployed: 3 descriptors (%d KB) validated and merged",
                    (base.length + editeur.length + operateur.length) / 1024), rounds / 10, () -> {
                registry.publishDescriptor(base, new PluginOrigin(1, "org.guichets.edcpsc", "1", "bench"));
                registry.contribute(new PluginOrigin(2, "org.guichets.edcpsc.editeur", "1", "bench"),
                        registry.reader().contribution(editeur));
                registry.contribute(new PluginOrigin(3, "org.guichets.edcpsc.operateur", "1", "bench"),
                        registry.reader().contribution(operateur));
                if (registry.find("edc-psc").orElseThrow().guichets().size() != 2) {
                    throw new AssertionError("not merged");
                }
                registry.withdraw(3);
                registry.withdraw(2);
                registry.withdraw(1);
            });
        } finally {
            registry.deactivate();
        }
    }

    /** The three descriptors are in three jars on the class path, all at the same path: pick by jar. */
    private static byte[] resource(String path, String artifact) throws Exception {
        for (java.net.URL url : Collections.list(EdcPscBench.class.getClassLoader().getResources(path.substring(1)))) {
            if (url.toString().contains("/" + artifact + "-")) {
                try (InputStream in = url.openStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalStateException(path + " of " + artifact + " not on the class path");
    }

    private static CheckedFile file(EvidenceKind kind, long size) {
        return new CheckedFile("edc-psc", "editeur", "BENCHBENCH", Set.of("ELU"), "Agenda", "2.1", "test-intrusion",
                "EDC.TI.01", "formulaire", kind, "f", "text/plain", size);
    }

    static byte[] penTestForm(int points) {
        StringBuilder sb = new StringBuilder("Organisme auditeur;Synacktiv\nSignataire;Claire Dubois\nDate du test;"
                + LocalDate.now(Texts.AGENCY_ZONE).minusMonths(2) + "\nVersion testée;2.1\nType d'architecture;web\n"
                + "Conclusion;L'application peut être référencée\n\n"
                + "Référence;Point de contrôle;Sévérité;Résultat;Commentaire\n");
        for (int i = 1; i <= points; i++) {
            sb.append("TI-").append(i).append(";Point de contrôle numéro ").append(i).append(';')
                    .append(i % 3 == 0 ? "haute" : i % 3 == 1 ? "moyenne" : "NA").append(';')
                    .append(i % 3 == 1 && i < 20 ? "KO" : "OK").append(";commentaire de l'auditeur\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] report(int checks) {
        StringBuilder sb = new StringBuilder("{\"uuidSession\":\"5f0c2a8e-9b1d-4c47-8e0f-3a2b1c9d7e65\",\"type\":\"SANDBOX\","
                + "\"status\":\"FINISHED\",\"dateExecution\":\"2026-10-02T14:03:11\",\"timeTaken\":277,\"owner\":\"o\",\"checks\":[");
        for (int i = 0; i < checks; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"name\":\"check-").append(i).append("\",\"status\":\"SUCCESS\",")
                    .append("\"description\":\"Vérification ").append(i).append(" du proxy e-santé\",")
                    .append("\"dateExecution\":\"2026-10-02T14:03:15\",\"timeTaken\":812,\"projectId\":\"PRJ-4412\"}");
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private static void time(String what, int rounds, Step step) throws Exception {
        for (int i = 0; i < Math.max(20, rounds / 5); i++) {
            step.run();
        }
        List<Double> ms = new ArrayList<>();
        long all = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            step.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        double total = (System.nanoTime() - all) / 1e9;
        Collections.sort(ms);
        System.out.printf(Locale.ROOT, "%-62s median %.3f ms, p95 %.3f, max %.3f; %.0f/s (n=%d)%n", what,
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), rounds / total, rounds);
    }

    /** The bench records no audit entry. */
    private static final class NoAudit implements AuditTrail {
        @Override
        public List<AuditEntry> history(Actor actor, String subjectType, String subjectId) {
            return List.of();
        }

        @Override
        public AuditVerification verify(Actor actor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void record(Actor actor, String action, String subjectType, String subjectId, Map<String, ?> details) {
            // nothing to keep
        }
    }
}

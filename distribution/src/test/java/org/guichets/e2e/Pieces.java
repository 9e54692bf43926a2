package org.guichets.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.identity.Actor;

/** Evidence files that pass the EDC PSC checks, and the service calls that deposit or review a whole chapter. */
final class Pieces {

    private Pieces() {}

    /** A file of the kind the piece asks for, written in {@code dir}. */
    static Path file(Path dir, EvidenceSpec e) throws IOException {
        Map.Entry<String, String> piece = piece(e.kind(), e.id());
        return write(dir, piece.getKey(), piece.getValue());
    }

    /** The name and content of a file of the kind the piece asks for. */
    static Map.Entry<String, String> piece(org.guichets.api.EvidenceKind kind, String evidenceId) {
        return switch (kind) {
            case PEN_TEST_FORM -> Map.entry("ti.csv", penTest());
            case CONFORMITY_REPORT -> Map.entry("rapport.json", "{\"uuidSession\":\"5f0c2a8e\",\"status\":\"FINISHED\","
                    + "\"dateExecution\":\"2026-10-02T14:03:11\",\"timeTaken\":277,\"owner\":\"o\",\"checks\":"
                    + "[{\"name\":\"connect\",\"status\":\"SUCCESS\",\"projectId\":\"P1\"}]}");
            default -> Map.entry(evidenceId + ".pdf", "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n");
        };
    }

    static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** A pen-test form: a PASSI auditor, a month old, no high-severity KO. */
    static String penTest() {
        StringBuilder sb = new StringBuilder("Organisme auditeur;Synacktiv\nSignataire;Claire Dubois\nDate du test;"
                + LocalDate.now(ZoneId.of("Europe/Paris")).minusMonths(1)
                + "\nVersion testée;2.1\nConclusion;L'application peut être référencée\n\nRéférence;Point de contrôle;Sévérité;Résultat\n");
        for (int i = 1; i <= 6; i++) {
            sb.append("TI-0").append(i).append(";Point ").append(i).append(';').append(i <= 3 ? "haute" : "moyenne").append(";OK\n");
        }
        return sb.toString();
    }

    /** Uploads a fitting file to every piece of the chapter through the service, then submits it. */
    static void deposit(EvidenceService evidence, Actor vendor, String number, String chapter, Path dir) throws IOException {
        ChapterView view = evidence.chapter(vendor, number, chapter);
        for (Requirement r : view.requirements()) {
            for (EvidenceSpec e : r.evidence()) {
                Path file = file(dir, e);
                try (InputStream in = Files.newInputStream(file)) {
                    evidence.upload(vendor, number, chapter, r.ref(), e.id(), file.getFileName().toString(), in);
                }
            }
        }
        evidence.submit(vendor, number, chapter, evidence.chapter(vendor, number, chapter).progress().version());
    }

    /** Every file of the chapter found conform, through the service. */
    static void conform(EvidenceService evidence, Actor reviewer, String number, String chapter) {
        ChapterView view = evidence.chapter(reviewer, number, chapter);
        Map<Long, FileVerdict> verdicts = new LinkedHashMap<>();
        view.files().forEach(f -> verdicts.put(f.id(), FileVerdict.conform()));
        evidence.review(reviewer, number, chapter, view.progress().version(), verdicts);
    }
}

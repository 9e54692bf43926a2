package org.guichets.edcpsc.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.guichets.api.LocalizedText;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.check.EvidenceCheck;
import org.osgi.service.component.annotations.Component;

/**
 * reads a conformity-tool session report on upload and says what it holds: passed when the
 * session is FINISHED and every check succeeded; otherwise the checks that failed, with their
 * description. The candidate and the reviewer see the summary; the reviewer decides.
 */
@Component(service = EvidenceCheck.class,
        property = {EvidenceCheck.DISPOSITIF + "=edc-psc", EvidenceCheck.EVIDENCE_KINDS + "=CONFORMITY_REPORT"})
public final class ConformityReportCheck implements EvidenceCheck {

    static final String NAME = "conformity-report";
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** How many checks a result lists one by one in its facts. */
    private static final int LISTED = 200;

    @Override
    public CheckResult check(CheckedFile file, InputStream content) throws Exception {
        byte[] bytes = content.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            return new CheckResult(NAME, CheckResult.Outcome.FAILED, Texts.of("Le rapport dépasse 5 Mo.", "The report is over 5 MB."),
                    List.of(), Map.of());
        }
        ConformityReport report;
        try {
            report = ConformityReport.parse(bytes);
        } catch (PenTestForm.Unreadable e) {
            return new CheckResult(NAME, CheckResult.Outcome.FAILED,
                    Texts.of("Rapport de l'outil de conformité illisible : " + e.reasons.size() + " problème(s).",
                            "Unreadable conformity-tool report: " + e.reasons.size() + " problem(s)."),
                    e.reasons, Map.of());
        }
        List<ConformityReport.Check> failed = report.failed();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("status", report.status());
        facts.put("dateExecution", report.dateExecution());
        if (report.timeTaken() != null) {
            facts.put("timeTaken", report.timeTaken());
        }
        if (report.owner() != null) {
            facts.put("owner", report.owner());
        }
        facts.put("uuidSession", report.uuidSession());
        if (report.type() != null) {
            facts.put("type", report.type());
        }
        facts.put("checks", String.valueOf(report.checks().size()));
        facts.put("checksFailed", String.valueOf(failed.size()));
        for (int i = 0; i < Math.min(LISTED, report.checks().size()); i++) {
            ConformityReport.Check c = report.checks().get(i);
            facts.put(String.format("check.%03d", i + 1), String.join(" | ", c.name(), c.status(), orDash(c.description()),
                    orDash(c.dateExecution()), orDash(c.timeTaken()), orDash(c.projectId())));
        }
        List<LocalizedText> details = new ArrayList<>();
        boolean finished = "FINISHED".equals(report.status());
        if (!finished) {
            details.add(Texts.of("La session n'est pas terminée : statut " + report.status() + ".",
                    "The session is not finished: status " + report.status() + "."));
        }
        if (report.checks().isEmpty()) {
            details.add(Texts.of("La session ne contient aucune vérification.", "The session holds no check."));
        }
        for (ConformityReport.Check c : failed) {
            String what = c.description() == null ? "" : " — " + c.description();
            details.add(Texts.of("En échec (" + c.status() + ") : " + c.name() + what, "Failed (" + c.status() + "): " + c.name() + what));
        }
        String when = report.dateExecution();
        LocalizedText summary = Texts.of(
                "Session " + report.status() + " du " + when + " : " + report.checks().size() + " vérification(s), "
                        + failed.size() + " en échec.",
                "Session " + report.status() + " of " + when + ": " + report.checks().size() + " check(s), "
                        + failed.size() + " failed.");
        CheckResult.Outcome outcome = details.isEmpty() ? CheckResult.Outcome.PASSED : CheckResult.Outcome.FAILED;
        return new CheckResult(NAME, outcome, summary, details, facts);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}

package org.guichets.edcpsc.internal;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichets.api.LocalizedText;
import org.guichets.api.check.CheckResult;

/** Texts in French and English, and the normalisation the checks compare names with. */
final class Texts {

    /** The agency's time zone: the day a document is dated is a day in Paris. */
    static final ZoneId AGENCY_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FR = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRENCH);
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private Texts() {}

    static LocalizedText of(String fr, String en) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("fr", fr);
        m.put("en", en);
        return new LocalizedText(m);
    }

    static String fr(LocalDate d) {
        return FR.format(d);
    }

    static String en(LocalDate d) {
        return EN.format(d);
    }

    /** Lower case, no accents, letters and digits only: {@code "Sévérité"} → {@code "severite"}. */
    static String key(String s) {
        return plain(s).replaceAll("[^a-z0-9]", "");
    }

    /** Lower case and without accents: {@code "Sécurité SAS"} → {@code "securite sas"}. */
    static String plain(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    static CheckResult result(String check, CheckResult.Outcome outcome, LocalizedText summary, List<LocalizedText> details,
            Map<String, String> facts) {
        return new CheckResult(check, outcome, summary, details, facts);
    }
}

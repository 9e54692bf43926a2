package org.guichets.api.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A legal form from the INSEE "catégories juridiques" (level III, 4-digit code), shipped as
 * reference data in {@code legal-forms.csv} beside this class.
 *
 * @param code the 4-digit code ({@code 5710})
 * @param label the French label
 */
public record LegalForm(String code, String label) {

    private static final Map<String, LegalForm> ALL = load();

    /** Every known legal form, by code. */
    public static List<LegalForm> all() {
        return List.copyOf(ALL.values());
    }

    /** The legal form with this code. */
    public static Optional<LegalForm> find(String code) {
        return Optional.ofNullable(code == null ? null : ALL.get(code.trim()));
    }

    private static Map<String, LegalForm> load() {
        Map<String, LegalForm> forms = new LinkedHashMap<>();
        try (InputStream in = LegalForm.class.getResourceAsStream("legal-forms.csv")) {
            if (in == null) {
                throw new IOException("legal-forms.csv missing from the API jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int sep = line.indexOf(';');
                String code = line.substring(0, sep).trim();
                forms.put(code, new LegalForm(code, line.substring(sep + 1).trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return forms;
    }
}

package org.guichets.core.internal.candidature;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.guichets.api.FormField;
import org.guichets.api.Guichet;
import org.guichets.api.error.FieldError;
import org.guichets.api.identity.LegalForm;
import org.guichets.api.identity.Siret;

/** The check of one form value by its field's type and constraints. */
public final class FieldRules {

    static final int DEFAULT_TEXT = 500;
    static final int DEFAULT_TEXTAREA = 10_000;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 .()-]{5,24}$");

    private FieldRules() {}

    /** Normalizes a value as stored (trimmed; SIRET digits only; profiles sorted), or {@code null} when empty. */
    static String normalize(FormField field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        return switch (field.type()) {
            case SIRET -> v.replaceAll("[\\s.\\-]", "");
            case EMAIL -> v.toLowerCase(java.util.Locale.ROOT);
            case PROFILES -> String.join(",", profiles(v));
            default -> v;
        };
    }

    /** The error for a non-empty normalized value, or {@code null} if it is acceptable. */
    static FieldError check(FormField field, String v, Guichet guichet) {
        String id = field.id();
        int max = field.maxLength() != null ? field.maxLength()
                : field.type() == org.guichets.api.FieldType.TEXTAREA || field.type() == org.guichets.api.FieldType.ADDRESS
                        ? DEFAULT_TEXTAREA : DEFAULT_TEXT;
        if (v.length() > max) {
            return FieldError.of(id, "field.tooLong", max);
        }
        FieldError typeError = switch (field.type()) {
            case EMAIL -> EMAIL.matcher(v).matches() ? null : FieldError.of(id, "email.invalid", v);
            case PHONE -> PHONE.matcher(v).matches() ? null : FieldError.of(id, "phone.invalid", v);
            case URL -> url(v) ? null : FieldError.of(id, "url.invalid", v);
            case DATE -> date(v) ? null : FieldError.of(id, "date.invalid", v);
            case NUMBER -> number(v) ? null : FieldError.of(id, "number.invalid", v);
            case BOOLEAN -> v.equals("true") || v.equals("false") ? null : FieldError.of(id, "field.invalid");
            case SELECT -> field.options().stream().anyMatch(o -> o.value().equals(v)) ? null : FieldError.of(id, "option.unknown", v);
            case SIRET -> Siret.isValid(v) ? null : FieldError.of(id, "siret.invalid", v);
            case LEGAL_FORM -> LegalForm.find(v).isPresent() ? null : FieldError.of(id, "legalForm.unknown", v);
            case PROFILES -> profilesError(id, v, guichet);
            default -> null;
        };
        if (typeError != null) {
            return typeError;
        }
        if (field.pattern() != null && !Pattern.matches(field.pattern(), v)) {
            return FieldError.of(id, "field.pattern");
        }
        return null;
    }

    public static Set<String> profiles(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).sorted().forEach(out::add);
        }
        return out;
    }

    private static FieldError profilesError(String id, String v, Guichet guichet) {
        Set<String> chosen = profiles(v);
        for (String p : chosen) {
            if (!guichet.profileCodes().contains(p)) {
                return FieldError.of(id, "profile.unknown", p);
            }
        }
        if (chosen.size() > guichet.maxProfiles()) {
            return FieldError.of(id, "profiles.tooMany", guichet.maxProfiles());
        }
        return null;
    }

    private static boolean url(String v) {
        try {
            URI u = new URI(v);
            return ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) && u.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean date(String v) {
        try {
            LocalDate.parse(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean number(String v) {
        try {
            new BigDecimal(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}

package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;

/** How the portal shows values: durations, dates, names and labelled values, as the user reads them. */
final class Display {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Display() {}

    /** "3 j 4 h", "5 h 12 min", "2 min". */
    static String duration(Component view, Instant since, Instant now) {
        Duration d = Duration.between(since, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toDays() > 0) {
            return view.getTranslation("duration.days", d.toDays(), d.toHoursPart());
        }
        if (d.toHours() > 0) {
            return view.getTranslation("duration.hours", d.toHours(), d.toMinutesPart());
        }
        return view.getTranslation("duration.minutes", d.toMinutes());
    }

    static String dateTime(Locale locale, Instant at) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).format(at.atZone(PARIS));
    }

    static String date(Locale locale, Instant at) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at.atZone(PARIS));
    }

    /** The scheme's name in the user's language, or its id while its plugin is away. */
    static String scheme(String dispositifId, Locale locale) {
        return PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(dispositifId))
                .map(Dispositif::name).map(n -> n.get(locale)).orElse(dispositifId);
    }

    /** The guichet's name in the user's language, or its id. */
    static String guichet(String dispositifId, String guichetId, Locale locale) {
        return PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(dispositifId))
                .flatMap(d -> d.guichet(guichetId)).map(g -> g.name().get(locale)).orElse(guichetId);
    }

    /** "Label : value" with the value emphasised and findable by id. */
    static Paragraph line(Component view, String label, String value, String id) {
        Span v = new Span(value == null ? "–" : value);
        v.setId(id);
        v.getStyle().set("font-weight", "600");
        return new Paragraph(new Span(view.getTranslation("colon", view.getTranslation(label)) + " "), v);
    }

    /** A translated label, or {@code fallback} when the bundles have none for {@code key}. */
    static String labelOr(Component view, String key, String fallback) {
        String t = view.getTranslation(key);
        return t == null || t.isEmpty() || t.startsWith("!") ? fallback : t;
    }
}

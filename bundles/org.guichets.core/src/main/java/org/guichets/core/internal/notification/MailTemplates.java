package org.guichets.core.internal.notification;

import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mails' texts, French and English, in {@code mail_fr.properties} and {@code mail_en.properties}
 * beside this class: {@code <template>.subject} and {@code <template>.body}, with {@code {name}}
 * placeholders filled from the mail's parameters (an unknown one is left as written).
 */
final class MailTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private MailTemplates() {}

    record Rendered(String subject, String text) {}

    private static ResourceBundle bundle(String language) {
        Locale locale = "en".equals(language) ? Locale.ENGLISH : Locale.FRENCH;
        return ResourceBundle.getBundle("org.guichets.core.internal.notification.mail", locale,
                MailTemplates.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** A text of the templates that is not a mail (a word a mail's parameter says), if there is one. */
    static java.util.Optional<String> text(String key, String language) {
        ResourceBundle bundle = bundle(language);
        return bundle.containsKey(key) ? java.util.Optional.of(bundle.getString(key)) : java.util.Optional.empty();
    }

    static Rendered render(String template, String language, Map<String, String> params) {
        ResourceBundle bundle = bundle(language);
        try {
            String body = fill(bundle.getString(template + ".body"), params) + "\n\n" + fill(bundle.getString("footer"), params);
            return new Rendered(fill(bundle.getString(template + ".subject"), params), body);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("no mail template " + template + " in " + language, e);
        }
    }

    static String fill(String text, Map<String, String> params) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = params.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}

package org.guichets.rest;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The API's own messages ({@code org/guichets/rest/messages_fr|en.properties}). */
final class ApiMessages {

    private ApiMessages() {}

    /** The message {@code code} in French or English, or {@code null} when the API has none of that code. */
    static String text(String code, Locale locale, Object... params) {
        Locale lang = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        try {
            ResourceBundle bundle = ResourceBundle.getBundle("org.guichets.rest.messages", lang, ApiMessages.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(code), lang).format(params);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}

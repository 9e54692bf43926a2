package org.guichets.api.error;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * A refusal from a Guichets service, with a stable {@link #code()} that clients may test and a
 * message in the user's language ({@link #getMessage(Locale)}); {@link #getMessage()} is English,
 * for logs.
 *
 * <p>Services throw it before changing anything: a refused call stores nothing.
 */
public class GuichetsException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final String BUNDLE = "org.guichets.api.error.messages";

    private final String code;
    private final transient List<Object> params;

    /**
     * @param code the message key, e.g. {@code siret.invalid}
     * @param params the message's parameters
     */
    public GuichetsException(String code, Object... params) {
        this(code, null, params);
    }

    /** The same with a cause. */
    public GuichetsException(String code, Throwable cause, Object... params) {
        super(format(code, Locale.ENGLISH, params), cause);
        this.code = code;
        this.params = List.of(params);
    }

    /** The stable code of this refusal. */
    public String code() {
        return code;
    }

    /** The message's parameters. */
    public List<Object> params() {
        return params;
    }

    /** The message in {@code locale}'s language (French unless English is asked for). */
    public String getMessage(Locale locale) {
        return format(code, locale, params.toArray());
    }

    /** Formats message {@code code} in French or English. */
    public static String format(String code, Locale locale, Object... params) {
        Locale lang = locale != null && "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, lang, GuichetsException.class.getClassLoader(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(code), lang).format(params);
        } catch (MissingResourceException e) {
            return code + (params.length == 0 ? "" : " " + List.of(params));
        }
    }
}

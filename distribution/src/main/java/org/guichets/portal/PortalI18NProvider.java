package org.guichets.portal;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's texts, from {@code vaadin-i18n/translations*.properties}: French first (the
 * fallback for every other language), English second.
 */
public final class PortalI18NProvider implements I18NProvider {

    /** The portal's languages, the default first. */
    public static final List<Locale> LOCALES = List.of(Locale.FRENCH, Locale.ENGLISH);

    private static final Logger LOG = LoggerFactory.getLogger(PortalI18NProvider.class);
    private static final String BUNDLE = "vaadin-i18n.translations";

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        Locale effective = locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? Locale.ENGLISH : Locale.FRENCH;
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, effective,
                    PortalI18NProvider.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(
                            ResourceBundle.Control.FORMAT_PROPERTIES));
            String pattern = bundle.getString(key);
            return params.length == 0 ? pattern : new MessageFormat(pattern, effective).format(params);
        } catch (MissingResourceException e) {
            LOG.error("Missing translation '{}' for {}", key, effective);
            return "!" + key + "!";
        }
    }
}

package org.guichets.portal;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.Test;

public class PortalI18NProviderTest {

    private final PortalI18NProvider i18n = new PortalI18NProvider();

    private static Properties load(String lang) throws Exception {
        Properties p = new Properties();
        try (InputStream in = PortalI18NProvider.class.getResourceAsStream("/vaadin-i18n/translations_" + lang + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    public void frenchAndEnglishHaveTheSameKeys() throws Exception {
        assertEquals(load("fr").stringPropertyNames(), load("en").stringPropertyNames());
    }

    /** A message with parameters goes through MessageFormat, where a lone apostrophe swallows the rest. */
    @Test
    public void messagesWithParametersDoubleTheirApostrophes() throws Exception {
        for (String lang : java.util.List.of("fr", "en")) {
            Properties p = load(lang);
            for (String key : p.stringPropertyNames()) {
                String v = p.getProperty(key);
                if (v.contains("{0")) {
                    org.junit.Assert.assertFalse(lang + ":" + key + " = " + v, v.replace("''", "").contains("'"));
                } else {
                    org.junit.Assert.assertFalse(lang + ":" + key + " has no parameter: write one apostrophe", v.contains("''"));
                }
            }
        }
    }

    @Test
    public void frenchComesFirstAndIsTheFallback() {
        assertEquals(Locale.FRENCH, i18n.getProvidedLocales().get(0));
        assertEquals("Parcours disponibles", i18n.getTranslation("home.title", Locale.GERMAN));
        assertEquals("Parcours disponibles", i18n.getTranslation("home.title", null));
        assertEquals("Available schemes", i18n.getTranslation("home.title", Locale.UK));
    }

    @Test
    public void formatsParametersAndKeepsAccents() {
        assertEquals("Référentiel v2", i18n.getTranslation("home.referential", Locale.FRENCH, "v2"));
        assertEquals("Profils : ELU, ELP", i18n.getTranslation("guichet.profiles", Locale.FRENCH, "ELU, ELP"));
        // MessageFormat: an apostrophe is written twice in a message with parameters
        assertEquals("Aucun document n'est enregistré sous l'identifiant « HAB-1 ».",
                i18n.getTranslation("verify.unknown", Locale.FRENCH, "HAB-1"));
    }

    @Test
    public void aMissingKeyIsVisibleNotBlank() {
        assertEquals("!no.such.key!", i18n.getTranslation("no.such.key", Locale.FRENCH));
    }
}

package org.guichets.api.error;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.Test;

public class MessagesTest {

    private static Properties load(String lang) throws Exception {
        Properties p = new Properties();
        try (InputStream in = GuichetsException.class.getResourceAsStream("messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    public void everyMessageExistsInFrenchAndEnglish() throws Exception {
        assertEquals(load("fr").stringPropertyNames(), load("en").stringPropertyNames());
    }

    @Test
    public void formatsWithParametersInEachLanguage() {
        ConflictException e = new ConflictException("product", 12, 3, 4);
        assertEquals("product 12 was changed by someone else since you read it (you read version 3, version 4 is stored):"
                + " reload the page and try again; your input was not saved.", e.getMessage());
        assertFalse(e.getMessage(Locale.FRENCH).equals(e.getMessage()));
        assertEquals(4, e.currentVersion());
    }

    @Test
    public void everyMessageFormatsCompletelyAndKeepsItsApostrophes() throws Exception {
        for (String lang : new String[] {"fr", "en"}) {
            Properties raw = load(lang);
            for (String key : raw.stringPropertyNames()) {
                String out = GuichetsException.format(key, Locale.forLanguageTag(lang), 1L, 2L, 3L, 4L, 5L);
                assertFalse(lang + " " + key + ": " + out, out.contains("{"));
                String text = raw.getProperty(key);
                if (text.contains("''")) {
                    assertTrue(lang + " " + key + " lost its apostrophe: " + out, out.contains("'"));
                }
                assertFalse(lang + " " + key + " has a lone quote, which MessageFormat swallows: " + text,
                        text.replace("''", "").contains("'"));
            }
        }
    }

    @Test
    public void frenchIsTheDefault() {
        assertEquals("Ce champ est obligatoire.", GuichetsException.format("field.required", Locale.GERMAN));
        assertEquals("Ce champ est obligatoire.", GuichetsException.format("field.required", null));
    }

    @Test
    public void anUnknownCodeShowsItself() {
        assertEquals("no.such [1]", GuichetsException.format("no.such", Locale.FRENCH, 1));
    }
}

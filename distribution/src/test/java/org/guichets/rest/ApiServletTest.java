package org.guichets.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.Locale;
import org.junit.Test;

/** What the API makes of malformed addresses and of the caller's languages (the rest: ApiIT, over HTTP). */
public class ApiServletTest {

    @Test
    public void aMalformedPercentEncodingIsTheCallersError() {
        ApiProblem bad = assertThrows(ApiProblem.class, () -> ApiServlet.decode("q", "%zz"));
        assertEquals(400, bad.status());
        assertEquals("api.badParameter", bad.code());
        assertEquals("Le paramètre « q » est invalide : %zz", bad.message(Locale.FRENCH));
        assertEquals("Parameter \"q\" is invalid: %zz", bad.message(Locale.ENGLISH));
        assertEquals("é & ü", ApiServlet.decode("q", "%C3%A9+%26+%C3%BC"));
    }
}

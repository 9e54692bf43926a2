package org.guichets.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.guichets.api.DeploymentState;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.api.GuichetStatus;
import org.guichets.api.PluginOrigin;
import org.guichets.core.testing.TestBundles;
import org.junit.BeforeClass;
import org.junit.Test;

public class DescriptorReaderTest {

    private static final PluginOrigin ORIGIN = new PluginOrigin(42, "org.example.plugin", "1.0.0", "file:/deploy/x.jar");
    private static DescriptorReader reader;

    @BeforeClass
    public static void compileSchema() {
        reader = new DescriptorReader();
    }

    private static Dispositif read(String json) throws DescriptorException {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), ORIGIN);
    }

    private static String reasonFor(String json) {
        return assertThrows(DescriptorException.class, () -> read(json)).getMessage();
    }

    @Test
    public void readsEveryDeclaredField() throws Exception {
        Dispositif d;
        try (InputStream in = getClass().getResourceAsStream("/descriptors/valid.json")) {
            d = reader.read(in, ORIGIN);
        }
        assertEquals("exemple", d.id());
        assertEquals(DeploymentState.ACTIVE, d.state());
        assertNull(d.failureReason());
        assertEquals("Dispositif d'exemple", d.name().get(Locale.FRENCH));
        assertEquals("Sample scheme", d.name().get(Locale.ENGLISH));
        assertEquals("Un dispositif pour les tests « accentués » : œ, é, €.", d.summary().get(Locale.ENGLISH));
        assertEquals("v1.2", d.referentialVersion());
        assertEquals(ORIGIN, d.origin());
        List<Guichet> guichets = d.guichets();
        assertEquals(2, guichets.size());
        Guichet editeur = d.guichet("editeur").orElseThrow();
        assertEquals(GuichetStatus.OPEN, editeur.status());
        assertEquals(List.of("ELU", "ELP"), editeur.profiles().stream().map(p -> p.code()).toList());
        assertEquals(2, editeur.maxProfiles());
        Guichet operateur = d.guichet("operateur").orElseThrow();
        assertEquals(GuichetStatus.UPCOMING, operateur.status());
        assertEquals("Guichet Opérateur", operateur.name().get(Locale.ENGLISH));
        assertTrue(operateur.profiles().isEmpty());
    }

    @Test
    public void minimalDescriptorFromTestBundlesIsValid() throws Exception {
        Dispositif d = read(TestBundles.descriptor("mini", "Mini", "desk", "Desk"));
        assertEquals("mini", d.id());
        assertEquals(GuichetStatus.OPEN, d.guichets().get(0).status());
    }

    @Test
    public void refusesTextThatIsNotJson() {
        String reason = reasonFor("{ \"id\": \"x\", oops }");
        assertTrue(reason, reason.startsWith("the descriptor is not valid JSON"));
        assertTrue(reason, reason.contains("line 1"));
    }

    @Test
    public void refusesAnEmptyDescriptor() {
        assertEquals("the descriptor is empty", reasonFor(""));
    }

    @Test
    public void refusesTrailingContent() {
        String reason = reasonFor(TestBundles.descriptor("mini", "Mini", "desk", "Desk") + " {}");
        assertTrue(reason, reason.startsWith("the descriptor is not valid JSON"));
    }

    @Test
    public void refusesDuplicateKeys() {
        String reason = reasonFor("{\"id\": \"a\", \"id\": \"b\"}");
        assertTrue(reason, reason.contains("Duplicate field 'id'"));
    }

    @Test
    public void refusesAMissingRequiredProperty() {
        String json = TestBundles.descriptor("mini", "Mini", "desk", "Desk").replace("\"referentialVersion\": \"v1\",", "");
        String reason = reasonFor(json);
        assertTrue(reason, reason.startsWith("the descriptor breaks the schema"));
        assertTrue(reason, reason.contains("referentialVersion"));
    }

    @Test
    public void refusesAnIdentifierOutsideThePattern() {
        String reason = reasonFor(TestBundles.descriptor("Not An Id", "Mini", "desk", "Desk"));
        assertTrue(reason, reason.contains("/id: does not match"));
    }

    @Test
    public void refusesANameWithoutFrench() {
        String json = TestBundles.descriptor("mini", "Mini", "desk", "Desk").replace("{\"fr\": \"Desk\"}", "{\"en\": \"Desk\"}");
        String reason = reasonFor(json);
        assertTrue(reason, reason.contains("/guichets/0/name"));
        assertTrue(reason, reason.contains("fr"));
    }

    @Test
    public void refusesUnknownProperties() {
        String json = TestBundles.descriptor("mini", "Mini", "desk", "Desk").replace("\"schemaVersion\"", "\"colour\": \"blue\", \"schemaVersion\"");
        String reason = reasonFor(json);
        assertTrue(reason, reason.contains("colour"));
    }

    @Test
    public void refusesAnotherSchemaVersion() {
        String reason = reasonFor(TestBundles.descriptor("mini", "Mini", "desk", "Desk").replace("\"1.0\"", "\"2.0\""));
        assertTrue(reason, reason.contains("/schemaVersion"));
    }

    @Test
    public void listsAtMostFiveViolations() {
        String reason = reasonFor("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7}");
        assertTrue(reason, reason.matches(".*; and \\d+ more$"));
    }

    @Test
    public void refusesDuplicateGuichetIds() {
        String json = TestBundles.descriptor("mini", "Mini", "desk", "Desk")
                .replace("\"guichets\": [ {", "\"guichets\": [ {\"id\": \"desk\", \"name\": {\"fr\": \"Bis\"}}, {");
        assertEquals("guichet id 'desk' is declared twice", reasonFor(json));
    }

    @Test
    public void refusesMoreProfilesAllowedThanDeclared() {
        String json = TestBundles.descriptor("mini", "Mini", "desk", "Desk")
                .replace("{\"fr\": \"Desk\"}}", "{\"fr\": \"Desk\"}, \"profiles\": [{\"code\": \"A\", \"name\": {\"fr\": \"A\"}}], \"maxProfiles\": 3}");
        assertEquals("guichet 'desk' allows 3 profiles but declares only 1", reasonFor(json));
    }

    @Test
    public void refusesAnOversizedDescriptor() {
        byte[] big = new byte[DescriptorReader.MAX_DESCRIPTOR_BYTES + 10];
        java.util.Arrays.fill(big, (byte) ' ');
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> reader.read(new ByteArrayInputStream(big), ORIGIN));
        assertTrue(e.getMessage(), e.getMessage().contains("larger than"));
    }

    @Test
    public void reportsAnUnreadableStream() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        DescriptorException e = assertThrows(DescriptorException.class, () -> reader.read(broken, ORIGIN));
        assertEquals("cannot read the descriptor: disk gone", e.getMessage());
    }
}

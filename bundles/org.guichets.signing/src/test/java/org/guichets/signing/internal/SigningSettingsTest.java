package org.guichets.signing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Where the signing key, its password and the trust anchors come from. */
public class SigningSettingsTest {

    private static final String PASSWORD = "s3cret-signing-password";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Map<String, String> props = new HashMap<>();

    private SigningComponent.Settings settings(Map<String, String> env) {
        return SigningComponent.Settings.read(props::get, env);
    }

    private Path keystore(SigningKeys keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("agence", keys.privateKey(), PASSWORD.toCharArray(), keys.chain());
        Path file = tmp.newFile("agence.p12").toPath();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }

    @Test
    public void theKeystorePasswordComesFromAFileOrTheEnvironmentAndIsNeverShown() throws Exception {
        SigningKeys keys = TestPki.signer(TestPki.ca("Guichets test CA"), "Agence PKCS12", "RSA");
        props.put("guichets.signing.keystore", keystore(keys).toString());
        Path passwordFile = tmp.newFile("password").toPath();
        Files.writeString(passwordFile, PASSWORD + "\n");
        props.put("guichets.signing.keystorePasswordFile", passwordFile.toString());
        SigningComponent.Settings fromFile = settings(Map.of());
        assertEquals(keys.certificate(), fromFile.keys().certificate());
        assertFalse(fromFile.toString().contains(PASSWORD));

        props.remove("guichets.signing.keystorePasswordFile");
        SigningComponent.Settings fromEnv = settings(Map.of(SigningComponent.PASSWORD_ENV, PASSWORD));
        assertEquals(keys.certificate(), fromEnv.keys().certificate());
        assertFalse(fromEnv.toString().contains(PASSWORD));

        // no password, or a wrong one: no key (deliverables wait), no exception out of the component
        assertNull(settings(Map.of()).keys());
        assertNull(settings(Map.of(SigningComponent.PASSWORD_ENV, "wrong")).keys());
    }

    @Test
    public void withoutAKeystoreOnlyADemonstrationRunGeneratesKeys() throws Exception {
        props.put("guichets.data.dir", tmp.getRoot().toString());
        assertNull(settings(Map.of()).keys());
        assertFalse(Files.exists(tmp.getRoot().toPath().resolve("signing")));

        props.put("guichets.demo", "true");
        SigningComponent.Settings demo = settings(Map.of());
        SigningKeys keys = demo.keys();
        assertNotNull(keys);
        assertTrue(Files.isRegularFile(tmp.getRoot().toPath().resolve("signing/demo-ca.pem")));
        assertEquals("Agence (démonstration)", demo.issuer(keys));
        // trust anchor: the root of the signing chain
        List<X509Certificate> anchors = demo.trustAnchors(keys);
        assertEquals(List.of(keys.chain()[keys.chain().length - 1]), anchors);
    }

    @Test
    public void configuredTrustAnchorsAndIssuerWin() throws Exception {
        TestPki.Issued ca = TestPki.ca("Autorité de confiance");
        Path pem = tmp.newFile("anchor.pem").toPath();
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ca.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        props.put("guichets.signing.trustAnchors", pem + ", ");
        props.put("guichets.signing.issuer", "Agence du Numérique en Santé");
        props.put("guichets.signing.tsaUrl", "http://tsa.example/rfc3161");
        SigningComponent.Settings s = settings(Map.of());
        SigningKeys keys = TestPki.signer(ca, "Signataire", "RSA");
        assertEquals(List.of(ca.certificate()), s.trustAnchors(keys));
        assertEquals("Agence du Numérique en Santé", s.issuer(keys));
        assertEquals("http://tsa.example/rfc3161", s.tsa().url().toString());

        props.put("guichets.signing.trustAnchors", tmp.getRoot().toPath().resolve("missing.pem").toString());
        assertTrue("an unreadable anchor file trusts no one", settings(Map.of()).trustAnchors(keys).isEmpty());
    }
}

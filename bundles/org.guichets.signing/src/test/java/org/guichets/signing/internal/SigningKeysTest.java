package org.guichets.signing.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.guichets.api.deliverable.Verification.Outcome;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The agency's signing keys: a PKCS#12 file, or demonstration keys generated once. */
public class SigningKeysTest {

    private static final String PASSWORD = "Tr0ub4dor&3-secret";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void demoKeysAreGeneratedOnceThenReloaded() throws Exception {
        Path dir = tmp.getRoot().toPath().resolve("signing");
        SigningKeys generated = SigningKeys.demo(dir, "Agence de démonstration");
        SigningKeys reloaded = SigningKeys.demo(dir, "Agence de démonstration");

        assertArrayEquals(generated.chain(), reloaded.chain());
        assertArrayEquals(generated.privateKey().getEncoded(), reloaded.privateKey().getEncoded());
        assertTrue(Files.exists(dir.resolve(SigningKeys.DEMO_KEY_STORE)));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(SigningKeys.DEMO_PASSWORD))));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve(SigningKeys.DEMO_KEY_STORE))));
        }
    }

    @Test
    public void demoChainVerifiesToTheDemoCa() throws Exception {
        Path dir = tmp.getRoot().toPath();
        SigningKeys keys = SigningKeys.demo(dir, "Agence de démonstration");
        X509Certificate ca;
        try (InputStream in = Files.newInputStream(dir.resolve(SigningKeys.DEMO_CA))) {
            ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }

        X509Certificate[] chain = keys.chain();
        assertEquals(2, chain.length);
        assertEquals(ca, chain[1]);
        chain[0].verify(ca.getPublicKey());
        ca.verify(ca.getPublicKey());
        assertEquals("a CA", Integer.MAX_VALUE, ca.getBasicConstraints());
        assertTrue(ca.getSubjectX500Principal().getName().contains("CN=Guichets demo CA — NOT FOR PRODUCTION"));
        assertEquals("not a CA", -1, chain[0].getBasicConstraints());
        assertTrue(chain[0].getKeyUsage()[0] && chain[0].getKeyUsage()[1]);
        assertEquals("CN=Agence de démonstration — signature (démonstration),O=Agence de démonstration",
                chain[0].getSubjectX500Principal().getName());
        assertTrue(chain[0].getNotAfter().toInstant().isAfter(Instant.now().plus(3 * 365 - 2, ChronoUnit.DAYS)));

        byte[] signed = new PadesSigner(keys, null).sign(new PdfRenderer().render(Samples.authorisation(),
                "Agence de démonstration"), Instant.now(), "Agence de démonstration", null, null);
        assertEquals(Outcome.VALID, PdfSignatureChecks.check(signed, List.of(ca)).outcome());
    }

    @Test
    public void pkcs12LoadsTheFirstKeyEntryOrTheNamedOne() throws Exception {
        SigningKeys keys = TestPki.signer(TestPki.ca("Guichets test CA"), "Agence PKCS12", "RSA");
        Path file = pkcs12(keys, "agence");

        SigningKeys first = SigningKeys.fromPkcs12(file, PASSWORD.toCharArray(), null);
        assertArrayEquals(keys.chain(), first.chain());
        assertArrayEquals(keys.privateKey().getEncoded(), first.privateKey().getEncoded());
        assertArrayEquals(keys.chain(), SigningKeys.fromPkcs12(file, PASSWORD.toCharArray(), "agence").chain());
        try {
            SigningKeys.fromPkcs12(file, PASSWORD.toCharArray(), "autre");
            fail("no such entry");
        } catch (KeyStoreException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no private key entry named 'autre'"));
        }
    }

    @Test
    public void aWrongPasswordIsSaidWithoutThePassword() throws Exception {
        Path file = pkcs12(TestPki.signer(TestPki.ca("Guichets test CA"), "Agence PKCS12", "RSA"), "agence");
        String wrong = "not-" + PASSWORD;
        try {
            SigningKeys.fromPkcs12(file, wrong.toCharArray(), null);
            fail("loaded with a wrong password");
        } catch (UnrecoverableKeyException e) {
            assertEquals("wrong password for the PKCS#12 key store " + file, e.getMessage());
            assertFalse(e.getMessage().contains(wrong));
            assertFalse(e.getMessage().contains(PASSWORD));
        }
    }

    @Test
    public void aMissingFileIsSaid() throws Exception {
        Path missing = tmp.getRoot().toPath().resolve("absent.p12");
        try {
            SigningKeys.fromPkcs12(missing, PASSWORD.toCharArray(), null);
            fail("loaded a missing file");
        } catch (NoSuchFileException e) {
            assertTrue(e.getMessage(), e.getMessage().contains(missing.toString()));
            assertTrue(e.getMessage(), e.getMessage().contains("PKCS#12 key store not found"));
        }
    }

    @Test
    public void aKeyStoreWithoutKeyIsSaid() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", TestPki.ca("Guichets test CA").certificate());
        Path file = tmp.newFile("certificates-only.p12").toPath();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        try {
            SigningKeys.fromPkcs12(file, PASSWORD.toCharArray(), null);
            fail("loaded a key store without key");
        } catch (KeyStoreException e) {
            assertEquals("no private key entry in the PKCS#12 key store " + file, e.getMessage());
        }
    }

    private Path pkcs12(SigningKeys keys, String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, keys.privateKey(), PASSWORD.toCharArray(), keys.chain());
        Path file = tmp.newFile(alias + ".p12").toPath();
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}

package org.guichets.signing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agency's signing key and its certificate chain, the signer's certificate first.
 *
 * <p>Either loaded from a PKCS#12 file ({@link #fromPkcs12}) or, for demonstrations and tests,
 * generated once and kept in a directory ({@link #demo}).
 */
public final class SigningKeys {

    /** The demonstration key store's file name, in the directory given to {@link #demo}. */
    static final String DEMO_KEY_STORE = "demo-signing.p12";
    /** The file holding the demonstration key store's password. */
    static final String DEMO_PASSWORD = "demo-signing.password";
    /** The demonstration CA's certificate (PEM), to configure as a trust anchor. */
    static final String DEMO_CA = "demo-ca.pem";

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);
    private static final String DEMO_ALIAS = "signing";
    private static final Period CA_VALIDITY = Period.ofYears(10);
    private static final Period SIGNER_VALIDITY = Period.ofYears(3);
    /** How far back certificates start being valid, for clocks slightly behind. */
    private static final Duration BACKDATING = Duration.ofHours(1);

    private final PrivateKey privateKey;
    private final X509Certificate[] chain;

    /**
     * A key and its chain.
     *
     * @param privateKey the signing key
     * @param chain its certificate chain, the key's certificate first, then each issuer in turn
     * @throws IllegalArgumentException if the chain is empty
     */
    public SigningKeys(PrivateKey privateKey, X509Certificate[] chain) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("a signing key needs its certificate chain");
        }
        this.chain = chain.clone();
    }

    /** The signing key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The certificate chain, the signer's certificate first (a copy). */
    public X509Certificate[] chain() {
        return chain.clone();
    }

    /** The signer's certificate, the chain's first. */
    public X509Certificate certificate() {
        return chain[0];
    }

    /**
     * Loads a key and its chain from a PKCS#12 file.
     *
     * @param file the PKCS#12 file
     * @param password its password (the key's too)
     * @param aliasOrNull the key entry's alias, or {@code null} for the first key entry
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it cannot be read or is not a PKCS#12 key store
     * @throws UnrecoverableKeyException if the password is wrong
     * @throws KeyStoreException if it holds no such key entry
     * @throws GeneralSecurityException if the key store cannot be read for another reason
     */
    public static SigningKeys fromPkcs12(Path file, char[] password, String aliasOrNull)
            throws IOException, GeneralSecurityException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "PKCS#12 key store not found");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new UnrecoverableKeyException("wrong password for the PKCS#12 key store " + file);
            }
            throw new IOException("cannot read the PKCS#12 key store " + file + ": " + e.getMessage(), e);
        }
        String alias = aliasOrNull != null ? aliasOrNull : firstKeyAlias(store, file);
        if (!store.isKeyEntry(alias)) {
            throw new KeyStoreException("no private key entry named '" + alias + "' in the PKCS#12 key store " + file);
        }
        Key key;
        try {
            key = store.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw new UnrecoverableKeyException("wrong password for the key '" + alias + "' of the PKCS#12 key store "
                    + file);
        }
        Certificate[] certificates = store.getCertificateChain(alias);
        if (!(key instanceof PrivateKey) || certificates == null || certificates.length == 0) {
            throw new KeyStoreException("the entry '" + alias + "' of the PKCS#12 key store " + file
                    + " is not a private key with its certificate chain");
        }
        X509Certificate[] chain = new X509Certificate[certificates.length];
        for (int i = 0; i < certificates.length; i++) {
            chain[i] = (X509Certificate) certificates[i];
        }
        return new SigningKeys((PrivateKey) key, chain);
    }

    /**
     * The demonstration keys kept in {@code dir}: loaded from {@value #DEMO_KEY_STORE} (its password
     * in {@value #DEMO_PASSWORD}) if it exists, else generated there: a demonstration CA, whose
     * certificate is written to {@value #DEMO_CA} (the trust anchor to configure to verify the
     * demonstration's deliverables), and a signing certificate it issues to
     * {@code subjectOrganisation}. Never for production.
     *
     * @param dir the directory, created if needed
     * @param subjectOrganisation the organisation named in the signing certificate
     */
    public static SigningKeys demo(Path dir, String subjectOrganisation) throws IOException, GeneralSecurityException {
        Path keyStore = dir.resolve(DEMO_KEY_STORE);
        if (Files.exists(keyStore)) {
            Path passwordFile = dir.resolve(DEMO_PASSWORD);
            if (!Files.exists(passwordFile)) {
                throw new NoSuchFileException(passwordFile.toString(), null,
                        "the password of the demonstration key store " + keyStore + " is missing");
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            return fromPkcs12(keyStore, password.toCharArray(), DEMO_ALIAS);
        }
        Files.createDirectories(dir);
        Instant now = Instant.now();

        KeyPair caKeys = rsaKeyPair();
        X500Name caName = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, subjectOrganisation)
                .addRDN(BCStyle.CN, "Guichets demo CA — NOT FOR PRODUCTION")
                .build();
        X509v3CertificateBuilder ca = builder(caName, caName, caKeys.getPublic(), now, CA_VALIDITY);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        ca.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
        X509Certificate caCertificate = sign(ca, caKeys.getPrivate());

        KeyPair signerKeys = rsaKeyPair();
        X500Name signerName = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, subjectOrganisation)
                .addRDN(BCStyle.CN, subjectOrganisation + " — signature (démonstration)")
                .build();
        X509v3CertificateBuilder signer = builder(caName, signerName, signerKeys.getPublic(), now, SIGNER_VALIDITY);
        signer.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        signer.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        signer.addExtension(Extension.subjectKeyIdentifier, false,
                extensions.createSubjectKeyIdentifier(signerKeys.getPublic()));
        signer.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(caCertificate));
        X509Certificate signerCertificate = sign(signer, caKeys.getPrivate());

        SigningKeys keys = new SigningKeys(signerKeys.getPrivate(),
                new X509Certificate[] {signerCertificate, caCertificate});
        char[] password = randomPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(DEMO_ALIAS, keys.privateKey, password, keys.chain);
            ByteArrayOutputStream storeBytes = new ByteArrayOutputStream();
            store.store(storeBytes, password);
            writePrivate(dir.resolve(DEMO_PASSWORD), new String(password).getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.resolve(DEMO_CA), pem(caCertificate), StandardCharsets.US_ASCII);
            // the key store last: its presence means the demonstration keys are complete
            writePrivate(keyStore, storeBytes.toByteArray());
        } finally {
            Arrays.fill(password, '\0');
        }
        LOG.warn("Generated demonstration signing keys in {} (CA certificate: {}): NOT FOR PRODUCTION", dir,
                dir.resolve(DEMO_CA));
        return keys;
    }

    private static String firstKeyAlias(KeyStore store, Path file) throws KeyStoreException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return alias;
            }
        }
        throw new KeyStoreException("no private key entry in the PKCS#12 key store " + file);
    }

    private static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA", Crypto.PROVIDER);
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant now,
            Period validity) {
        BigInteger serial = new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATING)), Date.from(notAfter),
                subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return Crypto.certificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").setProvider(Crypto.PROVIDER).build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a demonstration certificate: " + e.getMessage(), e);
        }
    }

    private static char[] randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    }

    private static String pem(X509Certificate certificate) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        return text.toString();
    }

    /**
     * Replaces {@code file} by {@code bytes}, readable and writable by its owner only where the
     * file system has POSIX permissions (a temporary file's), and never seen half written.
     */
    private static void writePrivate(Path file, byte[] bytes) throws IOException {
        Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(partial, bytes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}

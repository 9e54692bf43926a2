package org.guichets.signing.internal;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Throw-away keys and certificates for the tests: a CA, signers it issues, a time-stamp authority. */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {}

    private TestPki() {}

    /** A self-signed CA, RSA-2048, valid from a day ago for a year. */
    static Issued ca(String commonName) throws Exception {
        KeyPair keys = keyPair("RSA");
        X500Name name = new X500Name("CN=" + commonName);
        X509v3CertificateBuilder builder = builder(name, name, keys);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(keys, sign(builder, keys, "SHA256withRSA"));
    }

    /** Signing keys ({@code "RSA"} or {@code "EC"}) issued by {@code ca}, the chain signer then CA. */
    static SigningKeys signer(Issued ca, String commonName, String keyAlgorithm) throws Exception {
        KeyPair keys = keyPair(keyAlgorithm);
        X509v3CertificateBuilder builder = builder(X500Name.getInstance(
                ca.certificate().getSubjectX500Principal().getEncoded()), new X500Name("CN=" + commonName), keys);
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        X509Certificate certificate = sign(builder, ca.keys(), "SHA256withRSA");
        return new SigningKeys(keys.getPrivate(), new X509Certificate[] {certificate, ca.certificate()});
    }

    /** A time-stamp authority's key and certificate (ExtendedKeyUsage id-kp-timeStamping, critical), self-signed. */
    static Issued tsa(String commonName) throws Exception {
        KeyPair keys = keyPair("RSA");
        X500Name name = new X500Name("CN=" + commonName);
        X509v3CertificateBuilder builder = builder(name, name, keys);
        builder.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
        return new Issued(keys, sign(builder, keys, "SHA256withRSA"));
    }

    private static KeyPair keyPair(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer, String algorithm)
            throws Exception {
        return Crypto.certificate(builder.build(
                new JcaContentSignerBuilder(algorithm).setProvider(Crypto.PROVIDER).build(issuer.getPrivate())));
    }
}

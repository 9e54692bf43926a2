package org.guichets.signing.internal;

import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Store;

/**
 * The BouncyCastle provider of this bundle and the few helpers its classes share. The provider is
 * handed explicitly to every JCA call that needs it: it is never installed in the JVM's security
 * providers, so that nothing else in the platform depends on, or is disturbed by, this bundle.
 */
final class Crypto {

    /** The one BouncyCastle provider instance of the bundle. */
    static final Provider PROVIDER = new BouncyCastleProvider();

    private Crypto() {}

    /**
     * The certificate {@code signer} designates among {@code certificates}.
     *
     * @return the certificate, or {@code null} if {@code certificates} do not hold it
     * @throws CertificateException if the certificate cannot be decoded
     */
    static X509Certificate certificateOf(SignerId signer, Store<X509CertificateHolder> certificates)
            throws CertificateException {
        for (X509CertificateHolder holder : certificates.getMatches(null)) {
            if (signer.match(holder)) {
                return certificate(holder);
            }
        }
        return null;
    }

    /**
     * Converts a BouncyCastle certificate holder to a plain JCA certificate (decoded by the JDK's
     * {@code X.509} certificate factory, as the JDK's PKIX validation expects).
     */
    static X509Certificate certificate(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }
}

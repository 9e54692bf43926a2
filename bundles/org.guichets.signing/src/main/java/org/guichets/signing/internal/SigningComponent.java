package org.guichets.signing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.api.deliverable.DeliverableProducer;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the agency's signature from the framework properties and registers the
 * {@link DeliverableProducer} (when a signing key is available) and the {@link DeliverableVerifier}.
 *
 * <p>Keys: the PKCS#12 file {@code guichets.signing.keystore}, its password read from the file
 * {@code guichets.signing.keystorePasswordFile} or the environment variable
 * {@code GUICHETS_SIGNING_PASSWORD} (never logged), the entry {@code guichets.signing.alias}. With
 * no keystore, a demonstration run ({@code guichets.demo=true}) generates a local CA and signing key
 * under {@code <data>/signing} and says so loudly; otherwise no producer is registered and
 * deliverables wait, pending. Trust anchors: the PEM files {@code guichets.signing.trustAnchors},
 * else the root of the signing key's chain. {@code guichets.signing.tsaUrl} turns on PAdES baseline
 * T.
 */
@Component(immediate = true, service = SigningComponent.class)
public final class SigningComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SigningComponent.class);
    static final String PASSWORD_ENV = "GUICHETS_SIGNING_PASSWORD";

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public SigningComponent(BundleContext context, @Reference CryptoProviderComponent provider,
            @Reference DeliverableService registry) {
        Settings settings = Settings.read(context::getProperty, System.getenv());
        SigningKeys keys = settings.keys();
        List<X509Certificate> anchors = settings.trustAnchors(keys);
        registrations.add(context.registerService(DeliverableVerifier.class,
                new RegistryVerifier(registry, anchors, Clock.systemUTC()), new Hashtable<>()));
        PdfRenderer renderer = null;
        try {
            renderer = keys == null ? null : new PdfRenderer();
        } catch (IOException e) {
            LOG.error("The deliverables' fonts cannot be read ({}): deliverables wait, pending", e.getMessage());
        }
        if (renderer != null) {
            Producer producer = new Producer(renderer, new PadesSigner(keys, settings.tsa()), settings.issuer(keys));
            registrations.add(context.registerService(DeliverableProducer.class, producer, new Hashtable<>()));
            LOG.info("Deliverables are signed by {} (PAdES baseline {}), trusted anchors: {}",
                    keys.certificate().getSubjectX500Principal().getName(), settings.tsa() == null ? "B" : "T",
                    anchors.stream().map(c -> c.getSubjectX500Principal().getName()).toList());
        }
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    /** Renders and signs one deliverable. */
    record Producer(PdfRenderer renderer, PadesSigner signer, String issuer) implements DeliverableProducer {
        @Override
        public byte[] produce(DeliverableContent content) throws Exception {
            byte[] pdf = renderer.render(content, issuer);
            return signer.sign(pdf, content.issuedAt(), issuer, content.title() + " " + content.id(), null);
        }
    }

    /** The signing settings, resolved from framework properties and the environment. */
    record Settings(Path keystore, Path passwordFile, String envPassword, String alias, List<Path> anchorFiles, URI tsaUrl,
            String issuerName, boolean demo, Path dataDir) {

        static Settings read(Function<String, String> property, Map<String, String> env) {
            List<Path> anchors = new ArrayList<>();
            String anchorList = blankToNull(property.apply("guichets.signing.trustAnchors"));
            if (anchorList != null) {
                Arrays.stream(anchorList.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Path::of).forEach(anchors::add);
            }
            String tsa = blankToNull(property.apply("guichets.signing.tsaUrl"));
            URI tsaUrl = null;
            try {
                tsaUrl = tsa == null ? null : URI.create(tsa);
            } catch (IllegalArgumentException e) {
                LOG.error("guichets.signing.tsaUrl '{}' is not a URL ({}): signatures are baseline B, without timestamp",
                        tsa, e.getMessage());
            }
            String data = blankToNull(property.apply("guichets.data.dir"));
            return new Settings(path(property.apply("guichets.signing.keystore")),
                    path(property.apply("guichets.signing.keystorePasswordFile")), env.get(PASSWORD_ENV),
                    blankToNull(property.apply("guichets.signing.alias")), anchors,
                    tsaUrl, blankToNull(property.apply("guichets.signing.issuer")),
                    Boolean.parseBoolean(property.apply("guichets.demo")), data == null ? Path.of("data") : Path.of(data));
        }

        /** The signing key, or {@code null} when none is configured outside a demonstration. */
        SigningKeys keys() {
            try {
                if (keystore != null) {
                    return SigningKeys.fromPkcs12(keystore, password(), alias);
                }
                if (demo) {
                    SigningKeys keys = SigningKeys.demo(dataDir.resolve("signing"), "Agence (démonstration)");
                    LOG.warn("*** DEMONSTRATION SIGNING KEY *** Deliverables are signed by a key generated under {}: "
                            + "they prove nothing outside this demonstration. Configure guichets.signing.keystore for "
                            + "production.", dataDir.resolve("signing"));
                    return keys;
                }
            } catch (IOException | GeneralSecurityException e) {
                LOG.error("No signing key: {}. Deliverables wait, pending, until the keystore is fixed and the signing "
                        + "bundle restarted.", e.getMessage());
                return null;
            }
            LOG.warn("No signing keystore is configured (guichets.signing.keystore): deliverables wait, pending.");
            return null;
        }

        private char[] password() throws IOException {
            if (passwordFile != null) {
                try {
                    return Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
                } catch (IOException e) {
                    throw new IOException("cannot read the keystore's password file " + passwordFile + " ("
                            + e.getClass().getSimpleName() + ")", e);
                }
            }
            if (envPassword != null) {
                return envPassword.toCharArray();
            }
            throw new IOException("guichets.signing.keystore is set but no password is given: set "
                    + "guichets.signing.keystorePasswordFile or the environment variable " + PASSWORD_ENV);
        }

        /** The configured trust anchors, else the root of the signing key's chain. */
        List<X509Certificate> trustAnchors(SigningKeys keys) {
            List<X509Certificate> out = new ArrayList<>();
            try {
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                for (Path file : anchorFiles) {
                    try (InputStream in = Files.newInputStream(file)) {
                        factory.generateCertificates(in).forEach(c -> out.add((X509Certificate) c));
                    }
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.error("Cannot read the trust anchors {}: {}; verification trusts no signer until this is fixed",
                        anchorFiles, e.getMessage());
                return List.of();
            }
            if (out.isEmpty() && keys != null) {
                X509Certificate[] chain = keys.chain();
                out.add(chain[chain.length - 1]);
            }
            return out;
        }

        TsaClient tsa() {
            return tsaUrl == null ? null : new TsaClient(tsaUrl, Duration.ofSeconds(10));
        }

        /** The agency's name printed on deliverables: configured, else the certificate's O, else its CN. */
        String issuer(SigningKeys keys) {
            if (issuerName != null) {
                return issuerName;
            }
            try {
                LdapName dn = new LdapName(keys.certificate().getSubjectX500Principal().getName());
                String cn = null;
                for (Rdn rdn : dn.getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("O")) {
                        return rdn.getValue().toString();
                    }
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        cn = rdn.getValue().toString();
                    }
                }
                return cn == null ? "Guichets" : cn;
            } catch (InvalidNameException e) {
                return "Guichets";
            }
        }

        private static Path path(String value) {
            String v = blankToNull(value);
            return v == null ? null : Path.of(v);
        }

        private static String blankToNull(String v) {
            return v == null || v.isBlank() ? null : v.strip();
        }

        @Override
        public String toString() {
            return "Settings[keystore=" + keystore + ", alias=" + alias + ", anchors=" + anchorFiles + ", tsa=" + tsaUrl
                    + ", demo=" + demo + "]"; // never the password
        }
    }
}

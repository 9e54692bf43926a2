package org.guichets.signing.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.inject.Inject;
import org.guichets.api.DeploymentState;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.FormService;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.ProductService;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.deliverable.Verification;
import org.guichets.api.descriptor.DispositifDescriptors;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * In the container, with the platform's bundles (core, evidence store, PDFBox, BouncyCastle,
 * ZXing, this bundle) and the demonstration signing key: validating the Prérequis chapter issues
 * the test-environment authorisation signed for real; the registry serves its PDF, pdfsig
 * and the verifier find it valid; revoked, the verifier says so.
 *
 * <p>Self-contained on purpose: Pax Exam's probe carries this module's test classes only, so the
 * core's {@code ContainerTestBase} and {@code TestBundles} (in the core's test jar) cannot be
 * used inside the container; {@link #service} and {@link #eventually} repeat their few lines.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SigningIT {

    private static final long TIMEOUT_MS = 20_000;

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> bundles = new ArrayList<>();
        for (String path : System.getProperty("guichets.it.bundles", "").split(",")) {
            if (!path.isBlank()) {
                File f = new File(path.trim());
                if (!f.isFile()) {
                    throw new IllegalStateException("bundle file missing: " + f + " (run the in-container tests with mvn verify)");
                }
                bundles.add(bundle(f.toURI().toString()));
            }
        }
        return options(
                cleanCaches(true),
                systemTimeout(90_000),
                systemProperty("org.ops4j.pax.url.mvn.localRepository")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                systemProperty("org.ops4j.pax.url.mvn.repositories")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.repositories", "")),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                frameworkProperty("felix.log.level").value("1"),
                // PDFBox's I/O module imports sun.misc; the launcher exports it the same way
                systemPackage("sun.misc"),
                frameworkProperty("guichets.db.url").value("jdbc:h2:mem:guichets-signing-it;DB_CLOSE_DELAY=-1"),
                frameworkProperty("guichets.data.dir").value(Files.createTempDirectory("guichets-signing-it").toString()),
                frameworkProperty("guichets.demo").value("true"),
                frameworkProperty("guichets.publicUrl").value("https://guichets.example"),
                composite(bundles.toArray(Option[]::new)),
                junitBundles());
    }

    @Test
    public void r18TheAuthorisationIsSignedForRealAndVerified() throws Exception {
        DispositifRegistry registry = service(DispositifRegistry.class);
        Bundle plugin = context.installBundle("test:edc-mini", new ByteArrayInputStream(schemePlugin()));
        plugin.start();
        eventually("scheme deployed", () -> registry.find("edc-psc").filter(d -> d.state() == DeploymentState.ACTIVE));

        IdentityService identity = service(IdentityService.class);
        Account mandataire = identity.registerOrganization(
                new NewOrganization("Acme Santé", "73282932000074", "5710", new Address("1 rue de la Paix", "75002", "Paris", "FR"),
                        "Jeanne Martin"),
                new NewAccount("it@acme.fr", "Jeanne Martin", "a long enough password".toCharArray(), null));
        Actor m = Actor.of(mandataire);
        Actor reviewer = Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount("reviewer@agence.example",
                "Agent", "a long enough password".toCharArray(), null), Set.of(PlatformRole.REVIEWER)));
        Actor admin = Actor.of(identity.createStaffAccount(Actor.system(), new NewAccount("admin@agence.example",
                "Admin", "a long enough password".toCharArray(), null), Set.of(PlatformRole.ADMIN)));
        long product = service(ProductService.class).create(m, new ProductDraft("Agenda Santé", "2.1", null, mandataire.id(),
                "Agenda partagé", null, null)).id();
        Candidature c = service(CandidatureService.class).create(m, product, "edc-psc", "editeur");

        FormService forms = service(FormService.class);
        AdministrativeForm form = forms.get(m, c.number());
        form = forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU", "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
        form = forms.submit(m, c.number(), form.version());
        forms.validate(reviewer, c.number(), form.version());

        EvidenceService evidence = service(EvidenceService.class);
        EvidenceFile capture = evidence.upload(m, c.number(), "prerequis", "PMT.01", "doc", "capture.pdf",
                new ByteArrayInputStream("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)));
        evidence.submit(m, c.number(), "prerequis", evidence.chapter(m, c.number(), "prerequis").progress().version());
        evidence.review(reviewer, c.number(), "prerequis", evidence.chapter(m, c.number(), "prerequis").progress().version(),
                Map.of(capture.id(), FileVerdict.conform()));

        DeliverableService deliverables = service(DeliverableService.class);
        IssuedDeliverable d = eventually("the authorisation signed", () -> deliverables.forCandidature(m, c.number()).stream()
                .filter(x -> x.status() == DeliverableStatus.VALID).findFirst());
        assertEquals("test-access-authorization", d.kind());
        byte[] pdf = deliverables.pdf(m, d.id());

        Path file = Files.createTempFile("authorisation", ".pdf");
        Files.write(file, pdf);
        String pdfsig = pdfsig(file);
        assertTrue(pdfsig, pdfsig.contains("Signature is Valid."));

        DeliverableVerifier verifier = service(DeliverableVerifier.class);
        Verification ok = verifier.verify(pdf, new Expectation("test-access-authorization", "edc-psc", Set.of("ELU"),
                "Agenda Santé", "2.1"));
        assertEquals(ok.detail(), Verification.Outcome.VALID, ok.outcome());
        assertEquals(d.id(), ok.deliverable().id());
        assertEquals(Verification.Outcome.WRONG_KIND, verifier.verify(pdf,
                new Expectation("habilitation", null, Set.of(), null, null)).outcome());

        deliverables.revoke(admin, d.id(), "Erreur de périmètre");
        Verification revoked = verifier.verify(pdf, Expectation.any());
        assertEquals(Verification.Outcome.REVOKED, revoked.outcome());
        assertNotNull(revoked.deliverable().revokedAt());
    }

    /** A scheme plugin: the test scheme's descriptor and the manifest header that names it. */
    private static byte[] schemePlugin() throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "it.edc.mini");
        a.putValue("Bundle-Version", "1.0.0");
        a.putValue(DispositifDescriptors.HEADER, DispositifDescriptors.DEFAULT_PATH);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest);
                InputStream descriptor = SigningIT.class.getResourceAsStream("/itest/scheme.json")) {
            jar.putNextEntry(new JarEntry(DispositifDescriptors.DEFAULT_PATH));
            descriptor.transferTo(jar);
            jar.closeEntry();
        }
        return out.toByteArray();
    }

    private static String pdfsig(Path file) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("pdfsig", file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("pdfsig not found: install the Debian package poppler-utils", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return output;
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(TIMEOUT_MS);
            if (s == null) {
                throw new AssertionError("no " + type.getName() + " service within " + TIMEOUT_MS + " ms");
            }
            return s;
        } finally {
            tracker.close();
        }
    }

    private static <T> T eventually(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}

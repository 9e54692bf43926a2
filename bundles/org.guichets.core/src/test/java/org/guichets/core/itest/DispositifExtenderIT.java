package org.guichets.core.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.guichets.api.DeploymentState;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifEvent;
import org.guichets.api.DispositifListener;
import org.guichets.api.DispositifRegistry;
import org.guichets.core.testing.TestBundles;
import org.guichets.core.testing.ThrowingActivator;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceRegistration;

/** The extender in a real Felix with SCR: valid → registered, invalid → FAILED with reason, stop → withdrawn. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DispositifExtenderIT extends ContainerTestBase {

    private DispositifRegistry registry;

    @Before
    public void findRegistry() throws InterruptedException {
        registry = service(DispositifRegistry.class);
    }

    private Dispositif awaitState(String id, DeploymentState state) throws InterruptedException {
        return eventually(id + " " + state, () -> registry.dispositifs().stream()
                .filter(d -> d.id().equals(id) && d.state() == state).findFirst());
    }

    private void awaitAbsent(String id) throws InterruptedException {
        eventually(id + " withdrawn", () -> registry.dispositifs().stream().noneMatch(d -> d.id().equals(id))
                ? Optional.of(true) : Optional.empty());
    }

    @Test
    public void aValidPluginIsRegisteredWhileItRunsAndWithdrawnWhenItStops() throws Exception {
        Bundle plugin = install("valid", TestBundles.plugin("it.valid",
                TestBundles.descriptor("it-valid", "Dispositif valide", "editeur", "Guichet Editeur")).build());
        assertFalse("not registered before it starts", registry.find("it-valid").isPresent());

        plugin.start();
        Dispositif d = awaitState("it-valid", DeploymentState.ACTIVE);
        assertEquals("Dispositif valide", d.name().toString());
        assertEquals("editeur", d.guichets().get(0).id());
        assertEquals(plugin.getBundleId(), d.origin().bundleId());
        assertEquals("it.valid", d.origin().symbolicName());
        assertNull(d.failureReason());

        plugin.stop();
        awaitAbsent("it-valid");

        plugin.start();
        awaitState("it-valid", DeploymentState.ACTIVE);
        plugin.uninstall();
        awaitAbsent("it-valid");
    }

    @Test
    public void aBundleContributesAGuichetToAnotherBundlesSchemeWhileItRuns() throws Exception {
        String base = TestBundles.descriptor("it-multi", "Dispositif en deux", "editeur", "Guichet Editeur");
        String other = TestBundles.descriptor("unused", "x", "operateur", "Guichet Opérateur");
        String contribution = "{\"schemaVersion\": \"1.0\", \"contributesTo\": \"it-multi\", \"referentialVersion\": \"v1\", "
                + "\"guichets\": " + other.substring(other.indexOf('[', other.indexOf("\"guichets\"")), other.lastIndexOf(']') + 1) + "}";
        Bundle parcours = install("multi", TestBundles.plugin("it.multi", base).build());
        Bundle operateur = install("multi-op", TestBundles.plugin("it.multi.operateur", contribution).build());
        parcours.start();
        operateur.start();
        Dispositif d = eventually("the operateur guichet merged", () -> registry.find("it-multi")
                .filter(x -> x.guichets().size() == 2));
        assertEquals(List.of("editeur", "operateur"), d.guichets().stream().map(g -> g.id()).toList());
        assertEquals(parcours.getBundleId(), d.origin().bundleId());

        operateur.stop();
        eventually("the operateur guichet gone", () -> registry.find("it-multi").filter(x -> x.guichets().size() == 1));
        parcours.stop();
        awaitAbsent("it-multi");
    }

    @Test
    public void aDescriptorThatIsNotJsonFailsWithItsReasonAndOthersKeepWorking() throws Exception {
        Bundle good = install("good", TestBundles.plugin("it.good",
                TestBundles.descriptor("it-good", "Bon", "desk", "Desk")).build());
        good.start();
        awaitState("it-good", DeploymentState.ACTIVE);

        Bundle broken = install("notjson", TestBundles.plugin("it.notjson", "this is { not json").build());
        broken.start();
        Dispositif failed = awaitState("it.notjson", DeploymentState.FAILED);
        assertTrue(failed.failureReason(), failed.failureReason().startsWith("the descriptor is not valid JSON"));
        assertTrue(failed.guichets().isEmpty());
        assertEquals(Bundle.ACTIVE, good.getState());
        assertTrue(registry.find("it-good").orElseThrow().isActive());

        broken.uninstall();
        awaitAbsent("it.notjson");
        assertTrue(registry.find("it-good").orElseThrow().isActive());
    }

    @Test
    public void aDescriptorThatBreaksTheSchemaFailsWithTheViolation() throws Exception {
        String json = TestBundles.descriptor("it-schema", "Schéma", "desk", "Desk").replace("\"v1\"", "\"not a version\"");
        Bundle broken = install("schema", TestBundles.plugin("it.schema", json).build());
        broken.start();
        Dispositif failed = awaitState("it.schema", DeploymentState.FAILED);
        assertEquals(broken.getBundleId(), failed.origin().bundleId());
        assertTrue(failed.failureReason(), failed.failureReason().contains("breaks the schema"));
        assertTrue(failed.failureReason(), failed.failureReason().contains("/referentialVersion"));
    }

    @Test
    public void aMissingDescriptorFails() throws Exception {
        Bundle broken = install("missing", TestBundles.bundle("it.missing")
                .header("Guichets-Dispositif", "OSGI-INF/nowhere.json").build());
        broken.start();
        Dispositif failed = awaitState("it.missing", DeploymentState.FAILED);
        assertEquals("the descriptor OSGI-INF/nowhere.json named by the Guichets-Dispositif header is not in the bundle",
                failed.failureReason());
    }

    @Test
    public void aDescriptorOfferingATemplateItsBundleLacksFails() throws Exception {
        String descriptor = TestBundles.descriptor("it-template", "Modèles", "desk", "Desk").replace(
                "\"name\": {\"fr\": \"Desk\"}}", "\"name\": {\"fr\": \"Desk\"}, \"profiles\": [{\"code\": \"P\","
                        + " \"name\": {\"fr\": \"P\"}}], \"chapters\": [{\"id\": \"ch\", \"title\": {\"fr\": \"Ch\"},"
                        + " \"profiles\": [\"P\"], \"requirements\": [{\"ref\": \"R1\", \"statement\": {\"fr\": \"R\"},"
                        + " \"level\": \"must\", \"evidence\": [{\"id\": \"doc\", \"kind\": \"conformity-template\","
                        + " \"label\": {\"fr\": \"Doc\"}, \"template\": \"templates/modele.csv\"}]}]}]}");
        Bundle broken = install("template", TestBundles.plugin("it.template", descriptor).build());
        broken.start();
        Dispositif failed = awaitState("it.template", DeploymentState.FAILED);
        assertEquals("the template templates/modele.csv the descriptor offers for download is not in the bundle",
                failed.failureReason());
        broken.uninstall();

        Bundle fine = install("template-ok", TestBundles.plugin("it.template", descriptor)
                .entry("templates/modele.csv", "Exigence;Statut\n").build());
        fine.start();
        assertEquals(DeploymentState.ACTIVE, awaitState("it-template", DeploymentState.ACTIVE).state());
        fine.uninstall();
    }

    @Test
    public void aPluginWhoseActivatorThrowsIsFailed() throws Exception {
        Bundle broken = install("throws", TestBundles.plugin("it.throws",
                TestBundles.descriptor("it-throws", "Lanceur", "desk", "Desk")).activator(ThrowingActivator.class).build());
        BundleException e = assertThrows(BundleException.class, broken::start);
        assertEquals(BundleException.ACTIVATOR_ERROR, e.getType());
        Dispositif failed = awaitState("it.throws", DeploymentState.FAILED);
        assertTrue(failed.failureReason(), failed.failureReason().contains("activator threw"));
        assertEquals(Bundle.RESOLVED, broken.getState());
    }

    @Test
    public void bundlesWithoutTheHeaderAreIgnored() throws Exception {
        int before = registry.dispositifs().size();
        Bundle plain = install("plain", TestBundles.bundle("it.plain").build());
        plain.start();
        assertEquals(Bundle.ACTIVE, plain.getState());
        assertEquals(before, registry.dispositifs().size());
    }

    @Test
    public void listenersRegisteredAsServicesHearEveryChangeInOrder() throws Exception {
        BlockingQueue<DispositifEvent> events = new LinkedBlockingQueue<>();
        ServiceRegistration<DispositifListener> reg =
                context.registerService(DispositifListener.class, events::add, new Hashtable<>());
        try {
            Bundle plugin = install("heard", TestBundles.plugin("it.heard",
                    TestBundles.descriptor("it-heard", "Entendu", "desk", "Desk")).build());
            plugin.start();
            plugin.stop();
            DispositifEvent first = events.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            DispositifEvent second = events.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            assertEquals(List.of(DispositifEvent.Type.DEPLOYED, DispositifEvent.Type.WITHDRAWN),
                    List.of(first.type(), second.type()));
            assertEquals("it-heard", second.dispositif().id());
        } finally {
            reg.unregister();
        }
    }
}

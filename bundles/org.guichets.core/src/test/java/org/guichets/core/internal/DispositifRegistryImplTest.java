package org.guichets.core.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.guichets.api.DeploymentState;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifEvent;
import org.guichets.api.Guichet;
import org.guichets.api.GuichetStatus;
import org.guichets.api.LocalizedText;
import org.guichets.api.PluginOrigin;
import org.junit.After;
import org.junit.Test;

public class DispositifRegistryImplTest {

    private final DispositifRegistryImpl registry = new DispositifRegistryImpl();
    private final BlockingQueue<DispositifEvent> events = new LinkedBlockingQueue<>();

    @After
    public void stop() throws InterruptedException {
        registry.deactivate();
    }

    private static Dispositif active(String id, long bundleId) {
        Guichet g = new Guichet("desk", LocalizedText.french("Guichet"), null, GuichetStatus.OPEN, List.of(), 1);
        return new Dispositif(id, LocalizedText.french(id), null, null, "v1", List.of(g), DeploymentState.ACTIVE, null,
                new PluginOrigin(bundleId, "plugin." + bundleId, "1.0.0", "file:/" + bundleId));
    }

    private DispositifEvent next() throws InterruptedException {
        DispositifEvent e = events.poll(5, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 5 s");
        }
        return e;
    }

    @Test
    public void publishesSortedSnapshotsAndTellsListenersInOrder() throws Exception {
        registry.addListener(events::add);
        registry.publish(active("zeta", 10), null);
        registry.publish(active("alpha", 11), null);
        assertEquals(List.of("alpha", "zeta"), registry.dispositifs().stream().map(Dispositif::id).toList());
        assertEquals(List.of("alpha", "zeta"), registry.active().stream().map(Dispositif::id).toList());
        assertEquals("zeta", next().dispositif().id());
        DispositifEvent second = next();
        assertEquals(DispositifEvent.Type.DEPLOYED, second.type());
        assertEquals("alpha", second.dispositif().id());

        registry.withdraw(10);
        DispositifEvent withdrawn = next();
        assertEquals(DispositifEvent.Type.WITHDRAWN, withdrawn.type());
        assertEquals("zeta", withdrawn.dispositif().id());
        assertFalse(registry.find("zeta").isPresent());
        assertTrue(registry.find("alpha").isPresent());
    }

    @Test
    public void aSecondPluginWithTheSameIdFails() throws Exception {
        registry.addListener(events::add);
        registry.publish(active("same", 1), null);
        registry.publish(active("same", 2), null);
        next();
        DispositifEvent failed = next();
        assertEquals(DispositifEvent.Type.FAILED, failed.type());
        assertEquals(DeploymentState.FAILED, failed.dispositif().state());
        assertTrue(failed.dispositif().failureReason(), failed.dispositif().failureReason()
                .contains("already provided by bundle plugin.1 [1]"));
        assertEquals(1, registry.find("same").orElseThrow().origin().bundleId());
        assertEquals(1, registry.active().size());
        assertEquals(2, registry.dispositifs().size());
    }

    @Test
    public void republishingTheSameBundleReplacesItsEntry() {
        registry.publish(Dispositif.failed("x", LocalizedText.french("x"), active("x", 5).origin(), "broken"), null);
        registry.publish(active("x", 5), null);
        assertEquals(1, registry.dispositifs().size());
        assertTrue(registry.find("x").orElseThrow().isActive());
    }

    @Test
    public void aFailingListenerDoesNotStopTheOthers() throws Exception {
        registry.addListener(e -> {
            throw new IllegalStateException("listener bug (expected in this test)");
        });
        registry.addListener(events::add);
        registry.publish(active("one", 1), null);
        registry.publish(active("two", 2), null);
        assertEquals("one", next().dispositif().id());
        assertEquals("two", next().dispositif().id());
    }

    @Test
    public void removedListenersAreNoLongerCalled() throws Exception {
        BlockingQueue<DispositifEvent> other = new LinkedBlockingQueue<>();
        org.guichets.api.DispositifListener removed = other::add;
        registry.addListener(removed);
        registry.addListener(events::add);
        registry.publish(active("one", 1), null);
        next();
        registry.removeListener(removed);
        registry.publish(active("two", 2), null);
        next();
        assertEquals(List.of("one"), other.stream().map(e -> e.dispositif().id()).toList());
    }

    @Test
    public void withdrawingAnUnknownBundleChangesNothing() {
        registry.publish(active("one", 1), null);
        registry.withdraw(99);
        assertEquals(1, registry.dispositifs().size());
    }
}

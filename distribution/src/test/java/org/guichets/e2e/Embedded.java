package org.guichets.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.guichets.api.DispositifRegistry;
import org.guichets.launcher.Main;
import org.guichets.portal.PlatformServices;

/** Guichets started in the test's JVM with the demo flag, and the waits its tests share. */
final class Embedded {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Embedded() {}

    /**
     * Settings of every embedded run, passed as system properties (the launcher lets a system property
     * override a setting of the same name, and the framework falls back to them): webhooks may go to
     * the tests' receivers on the loopback address, and the outbox is looked at every 200 ms.
     */
    static final java.util.Map<String, String> SETTINGS = java.util.Map.of(
            "guichets.webhooks.allowPrivateNetworks", "true",
            "guichets.notifications.pollMillis", "200");

    /** The assembled distribution, on a free port, with its data and deploy folders under {@code work}. */
    static Main.Embedded start(Path work) throws Exception {
        SETTINGS.forEach(System::setProperty);
        return Main.embed(GuichetsProcess.home(), "--port", "0", "--data", work.resolve("data").toString(),
                "--deploy", work.resolve("deploy").toString(), "--demo");
    }

    /** Waits for EDC PSC with its two desks, as the feature provisions it. */
    static void awaitEdcPsc(PlatformServices services) throws InterruptedException {
        eventually("EDC PSC", () -> services.get(DispositifRegistry.class).flatMap(r -> r.find("edc-psc"))
                .filter(d -> d.guichets().size() == 2));
    }

    static <T> T await(PlatformServices services, Class<T> type) throws InterruptedException {
        return eventually(type.getSimpleName(), () -> services.get(type));
    }

    static <T> T eventually(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}

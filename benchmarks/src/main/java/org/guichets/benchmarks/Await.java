package org.guichets.benchmarks;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for what an embedded platform brings up (a service, a scheme), for the benches that embed it. */
public final class Await {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Await() {}

    public static <T> T await(Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the platform did not come up within " + WAIT.toSeconds() + " s");
    }
}

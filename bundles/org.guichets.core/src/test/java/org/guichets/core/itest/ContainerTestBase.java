package org.guichets.core.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Base of the in-container tests: a native Felix with SCR, Jackson, the API and the core built by
 * this module; helpers that install test bundles and wait with deadlines, never with sleeps alone.
 */
public abstract class ContainerTestBase {

    protected static final long TIMEOUT_MS = 10_000;

    @Inject
    protected BundleContext context;

    private final List<Bundle> installed = new ArrayList<>();

    @Configuration
    public Option[] config() {
        List<Option> bundles = new ArrayList<>();
        for (String path : System.getProperty("guichets.it.bundles", "").split(",")) {
            if (!path.isBlank()) {
                bundles.add(bundle(fileUrl(path.trim())));
            }
        }
        return options(
                cleanCaches(true),
                systemTimeout(60_000),
                systemProperty("org.ops4j.pax.url.mvn.localRepository")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                systemProperty("org.ops4j.pax.url.mvn.repositories")
                        .value(System.getProperty("org.ops4j.pax.url.mvn.repositories", "")),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                frameworkProperty("felix.log.level").value("1"),
                frameworkProperty("guichets.db.url").value("jdbc:h2:mem:guichets-it;DB_CLOSE_DELAY=-1"),
                frameworkProperty("guichets.data.dir").value(dataDir()),
                composite(bundles.toArray(Option[]::new)),
                junitBundles());
    }

    private static String dataDir() {
        try {
            return java.nio.file.Files.createTempDirectory("guichets-it").toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String fileUrl(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("bundle path not set: run the in-container tests through Maven (mvn verify)");
        }
        File f = new File(path);
        if (!f.isFile()) {
            throw new IllegalStateException("bundle file missing: " + f);
        }
        return f.toURI().toString();
    }

    /** Installs a test bundle from bytes; it is uninstalled after the test. */
    protected Bundle install(String name, byte[] jar) throws BundleException {
        Bundle b = context.installBundle("test:" + name + ":" + System.nanoTime(), new ByteArrayInputStream(jar));
        installed.add(b);
        return b;
    }

    @org.junit.After
    public void uninstallTestBundles() throws BundleException {
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
        installed.clear();
    }

    /** Waits for a service, failing after {@link #TIMEOUT_MS}. */
    protected <T> T service(Class<T> type) throws InterruptedException {
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

    /** Polls {@code probe} until it yields a value, failing with {@code what} after the deadline. */
    protected static <T> T eventually(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}

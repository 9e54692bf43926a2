package org.guichets.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the OSGi framework, exports the host API through the system bundle and provisions the
 * configured features. Not thread-safe: the launcher calls it from its main thread.
 */
final class FrameworkLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(FrameworkLauncher.class);

    /** A feature bundle's start level is this plus its start-order, so a restart keeps the order. */
    private static final int FIRST_START_LEVEL = 1;

    private final LauncherConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Long> platformBundles = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Framework framework;

    FrameworkLauncher(LauncherConfig config) {
        this.config = config;
    }

    private List<Feature> features;

    /**
     * Starts the framework itself (the system bundle), with no feature bundle yet: enough for the
     * host to track services while {@link #provision()} installs the platform.
     *
     * @throws LaunchException with a one-line reason; the framework is stopped again before
     */
    Framework start() throws LaunchException {
        features = readFeatures();
        Map<String, String> props = new HashMap<>(config.frameworkProperties());
        Path cache = config.dataDir().resolve("felix-cache");
        props.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, HostExports.systemPackagesExtra());
        props.put("guichets.data.dir", config.dataDir().toString());
        props.putAll(config.platformSettings());
        props.put("guichets.demo", Boolean.toString(config.demo()));
        props.put("felix.fileinstall.dir", config.deployDir().toString());
        props.put("felix.fileinstall.poll", Long.toString(config.pollMillis()));
        props.put("felix.fileinstall.tmpdir", config.dataDir().resolve("tmp").resolve("fileinstall").toString());
        if (config.shell()) {
            props.putIfAbsent("gosh.args", "--noshutdown");
        } else {
            props.putIfAbsent("gosh.args", "--nointeractive");
        }
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException("no OSGi framework on the class path"));
        framework = factory.newFramework(props);
        try {
            framework.init();
            framework.start();
            return framework;
        } catch (BundleException | RuntimeException e) {
            stop();
            throw new LaunchException("the OSGi framework failed to start: " + oneLine(e), e);
        }
    }

    /**
     * Installs and starts the feature bundles. May run while the web server starts.
     *
     * @throws LaunchException with a one-line reason; the caller stops the framework
     */
    void provision() throws LaunchException {
        try {
            provision(features);
        } catch (BundleException | RuntimeException e) {
            throw new LaunchException("the OSGi framework failed to start: " + oneLine(e), e);
        }
    }

    /** The ids of the bundles the features installed (the platform, as opposed to plugins). */
    List<Long> platformBundles() {
        return List.copyOf(platformBundles);
    }

    /** Blocks until the framework has stopped, for whatever reason. */
    void awaitStop() throws InterruptedException {
        Framework f = framework;
        if (f != null) {
            f.waitForStop(0);
        }
    }

    /** Stops the framework and waits for it, at most 30 s. Safe to call twice. */
    void stop() {
        Framework f = framework;
        if (f == null) {
            return;
        }
        try {
            f.stop();
            FrameworkEvent event = f.waitForStop(30_000);
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("The OSGi framework did not stop within 30 s");
            }
        } catch (BundleException e) {
            LOG.warn("Stopping the OSGi framework failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<Feature> readFeatures() throws LaunchException {
        List<Feature> features = new ArrayList<>();
        for (String name : config.features()) {
            Path file = config.home().resolve("features").resolve(name + ".json");
            if (!Files.isRegularFile(file)) {
                throw new LaunchException("feature '" + name + "' not found: " + file + " is missing");
            }
            features.add(Feature.read(file, mapper));
        }
        return features;
    }

    private void provision(List<Feature> features) throws LaunchException, BundleException {
        Path repository = config.home().resolve("bundles");
        record Installed(Bundle bundle, int startOrder) {}
        List<Installed> installed = new ArrayList<>();
        for (Feature feature : features) {
            for (Feature.Bundle b : feature.bundles()) {
                Path file = b.file(repository);
                if (!Files.isRegularFile(file)) {
                    throw new LaunchException("feature " + feature.id() + " needs " + b.id() + " but " + file + " is missing");
                }
                Bundle bundle;
                try {
                    bundle = framework.getBundleContext().installBundle(file.toUri().toString());
                } catch (BundleException e) {
                    throw new LaunchException("cannot install " + b.id() + " from " + file + ": " + oneLine(e), e);
                }
                bundle.adapt(BundleStartLevel.class).setStartLevel(FIRST_START_LEVEL + b.startOrder());
                platformBundles.add(bundle.getBundleId());
                installed.add(new Installed(bundle, b.startOrder()));
            }
        }
        installed.sort(Comparator.comparingInt(Installed::startOrder));
        for (Installed i : installed) {
            if (i.bundle().getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                i.bundle().start();
            } catch (BundleException e) {
                throw new LaunchException("platform bundle " + i.bundle().getSymbolicName() + " failed to start: "
                        + oneLine(e), e);
            }
        }
    }

    static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
            }
        }
        return sb.toString().replaceAll("\\s+", " ").trim();
    }
}

package org.guichets.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.guichets.portal.DispositifCatalog;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The Guichets launcher: reads {@code config/}, starts Apache Felix with the features, then Jetty
 * with the Vaadin portal and {@code /health}. Stops gracefully on SIGTERM; a failed start prints
 * one line on standard error and exits with status 1 (2 for a bad command line).
 */
public final class Main {

    private final LauncherConfig config;
    private final FrameworkLauncher frameworkLauncher;
    private Logger log;
    private FileLock dataLock;
    private DispositifCatalog catalog;
    private DeployFolderPlugins plugins;
    private org.guichets.portal.PlatformServices services;
    private PortalServer portal;
    private ScheduledExecutorService monitor;
    private volatile boolean shuttingDown;

    private Main(LauncherConfig config) {
        this.config = config;
        this.frameworkLauncher = new FrameworkLauncher(config);
    }

    public static void main(String[] args) {
        configureLogging();
        LauncherConfig config;
        try {
            config = LauncherConfig.load(args, Path.of(""));
        } catch (LauncherConfig.HelpRequested help) {
            System.out.println(help.getMessage());
            return;
        } catch (LaunchException e) {
            System.err.println("guichets: " + e.getMessage());
            System.exit(2);
            return;
        }
        Main main = new Main(config);
        try {
            main.start();
        } catch (LaunchException | RuntimeException e) {
            main.stop();
            System.err.println("guichets: failed to start: " + FrameworkLauncher.oneLine(e));
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.shuttingDown = true;
            main.stop();
        }, "guichets-shutdown"));
        main.awaitFrameworkStop();
    }

    /**
     * Starts Guichets in this JVM, as {@link #main} does but without exiting it and without a
     * shutdown hook: for tests that drive the portal in a browser and act as the agency through
     * the services (a reviewer's validation) in the same run.
     *
     * @param home the installation folder (its {@code config/}, {@code bundles/}, {@code features/})
     * @param args the launcher's options
     * @throws LaunchException when it cannot start (it is stopped again)
     */
    public static Embedded embed(Path home, String... args) throws LaunchException {
        LauncherConfig config;
        try {
            config = LauncherConfig.load(args, home);
        } catch (LauncherConfig.HelpRequested e) {
            throw new LaunchException(e.getMessage());
        }
        Main main = new Main(config);
        try {
            main.start();
        } catch (LaunchException | RuntimeException e) {
            main.stop();
            throw e;
        }
        return new Embedded(main);
    }

    /** A Guichets started by {@link #embed}: its port and its services, until closed. */
    public static final class Embedded implements AutoCloseable {
        private final Main main;

        private Embedded(Main main) {
            this.main = main;
        }

        /** The port the portal listens on. */
        public int port() {
            return main.portal.port();
        }

        /** The framework's services, as the portal reaches them. */
        public org.guichets.portal.PlatformServices services() {
            return main.services;
        }

        @Override
        public void close() {
            main.shuttingDown = true;
            main.stop();
        }
    }

    /** slf4j-simple writes to standard error; these are its defaults unless set with -D. */
    private static void configureLogging() {
        Map.of(
                "org.slf4j.simpleLogger.defaultLogLevel", "info",
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
                "org.slf4j.simpleLogger.showThreadName", "false",
                "org.slf4j.simpleLogger.levelInBrackets", "true",
                "org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn",
                "org.slf4j.simpleLogger.log.com.vaadin", "warn",
                "org.slf4j.simpleLogger.log.org.atmosphere", "warn")
                .forEach((k, v) -> {
                    if (System.getProperty(k) == null) {
                        System.setProperty(k, v);
                    }
                });
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    private void start() throws LaunchException {
        log = LoggerFactory.getLogger(Main.class);
        try {
            Files.createDirectories(config.dataDir());
            Files.createDirectories(config.deployDir());
        } catch (IOException e) {
            throw new LaunchException("cannot create " + e.getMessage(), e);
        }
        lockDataDir();
        Framework framework = frameworkLauncher.start();
        catalog = new DispositifCatalog(framework.getBundleContext());
        services = new org.guichets.portal.PlatformServices(framework.getBundleContext());
        SmtpMailTransport mail = SmtpMailTransport.fromSettings(config.platformSettings());
        if (mail != null) {
            framework.getBundleContext().registerService(org.guichets.api.notification.MailTransport.class, mail, null);
        }
        DispositifCatalog schemes = catalog;
        DeploymentDiagnostics diagnostics = new DeploymentDiagnostics(framework.getBundleContext(), config.deployDir(),
                bundleId -> schemes.all().stream()
                        .filter(d -> d.origin().bundleId() == bundleId && !d.isActive())
                        .map(d -> d.failureReason()).findFirst().orElse(null));
        plugins = new DeployFolderPlugins(framework.getBundleContext(), config.deployDir(), diagnostics, catalog, services,
                frameworkLauncher::platformBundles);
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guichets-deploy-monitor");
            t.setDaemon(true);
            return t;
        });
        monitor.scheduleWithFixedDelay(diagnostics::logNewFailures, 1, 1, TimeUnit.SECONDS);
        try {
            portal = new PortalServer(config.httpHost(), config.httpPort(), config.sessionTimeoutMinutes(),
                    config.dataDir().resolve("jetty"),
                    Map.of(DispositifCatalog.ATTRIBUTE, catalog, org.guichets.portal.PlatformServices.ATTRIBUTE, services,
                            org.guichets.portal.PluginManager.ATTRIBUTE, plugins),
                    Map.of("/health", new HealthServlet(framework, frameworkLauncher::platformBundles, catalog, diagnostics,
                            config.healthDetailsForEveryone()), "/api/*", new org.guichets.rest.ApiServlet(services)));
        } catch (IOException e) {
            throw new LaunchException("cannot prepare the web server's folders: " + e.getMessage(), e);
        }
        // the web server and the platform start side by side: neither waits for the other
        // (the portal follows the schemes as they arrive; /health says DOWN until the core is up)
        CompletableFuture<Void> web = CompletableFuture.runAsync(() -> {
            try {
                portal.start();
            } catch (LaunchException e) {
                throw new CompletionException(e);
            }
        }, r -> new Thread(r, "guichets-web-start").start());
        LaunchException failure = null;
        try {
            frameworkLauncher.provision();
        } catch (LaunchException e) {
            failure = e;
        }
        try {
            web.join();
        } catch (CompletionException e) {
            if (failure == null) {
                failure = e.getCause() instanceof LaunchException le ? le
                        : new LaunchException("the web server failed to start: " + FrameworkLauncher.oneLine(e.getCause()), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        long sinceJvmStart = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        log.info("Guichets started in {} ms: http://localhost:{}/ (deploy folder {}, data folder {})",
                sinceJvmStart, portal.port(), config.deployDir(), config.dataDir());
    }

    private void lockDataDir() throws LaunchException {
        Path lockFile = config.dataDir().resolve(".lock");
        try {
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            dataLock = channel.tryLock();
            if (dataLock == null) {
                channel.close();
                throw new LaunchException("another Guichets is running with the data folder " + config.dataDir());
            }
        } catch (IOException e) {
            throw new LaunchException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Blocks until the framework stops (shell {@code stop 0}, or the shutdown hook). */
    private void awaitFrameworkStop() {
        try {
            frameworkLauncher.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!shuttingDown) {
            log.info("The OSGi framework stopped: stopping Guichets");
            stop();
            System.exit(0);
        }
    }

    private synchronized void stop() {
        if (portal != null) {
            portal.stop();
            portal = null;
        }
        if (monitor != null) {
            monitor.shutdownNow();
            monitor = null;
        }
        if (plugins != null) {
            plugins.close();
            plugins = null;
        }
        if (services != null) {
            services.close();
            services = null;
        }
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
        frameworkLauncher.stop();
        if (dataLock != null) {
            try {
                dataLock.release();
                dataLock.channel().close();
            } catch (IOException e) {
                // the process is ending: the operating system releases the lock anyway
            }
            dataLock = null;
        }
        if (log != null && shuttingDown) {
            log.info("Guichets stopped");
        }
    }
}

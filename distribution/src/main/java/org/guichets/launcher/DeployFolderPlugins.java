package org.guichets.launcher;

import com.vaadin.flow.shared.Registration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.guichets.api.Dispositif;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.descriptor.DispositifDescriptors;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.portal.DispositifCatalog;
import org.guichets.portal.PlatformServices;
import org.guichets.portal.PluginManager;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins as the launcher manages them: uploads checked and moved atomically into the deploy
 * folder (FileInstall does the rest), stops and starts on the framework, uninstalls by taking the
 * jar out of the folder. Administrators only; every change audited. Thread-safe.
 */
final class DeployFolderPlugins implements PluginManager {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolderPlugins.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,120}\\.jar");
    static final long MAX_BYTES = 50L * 1024 * 1024;

    private final BundleContext context;
    private final Path deployDir;
    private final DeploymentDiagnostics diagnostics;
    private final DispositifCatalog catalog;
    private final PlatformServices services;
    private final Supplier<List<Long>> platformBundles;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final BundleListener bundleListener = event -> changed();
    private final Registration catalogSubscription;

    DeployFolderPlugins(BundleContext context, Path deployDir, DeploymentDiagnostics diagnostics, DispositifCatalog catalog,
            PlatformServices services, Supplier<List<Long>> platformBundles) {
        this.context = context;
        this.deployDir = deployDir;
        this.diagnostics = diagnostics;
        this.catalog = catalog;
        this.services = services;
        this.platformBundles = platformBundles;
        context.addBundleListener(bundleListener);
        catalogSubscription = catalog.subscribe(list -> changed());
    }

    @Override
    public List<Plugin> plugins(Actor actor) {
        requireAdmin(actor);
        Map<Long, List<String>> schemes = new LinkedHashMap<>();
        Map<Long, String> failures = new LinkedHashMap<>();
        for (Dispositif d : catalog.all()) {
            schemes.computeIfAbsent(d.origin().bundleId(), k -> new ArrayList<>()).add(d.id() + ": " + d.state());
            if (!d.isActive() && d.failureReason() != null) {
                failures.put(d.origin().bundleId(), d.failureReason());
            }
        }
        List<Plugin> out = new ArrayList<>();
        Set<Long> seen = new java.util.HashSet<>();
        for (DeploymentDiagnostics.Deployment d : diagnostics.deployments()) {
            Bundle b = d.bundleId() < 0 ? null : context.getBundle(d.bundleId());
            seen.add(d.bundleId());
            out.add(new Plugin(d.file(), d.bundleId(), d.symbolicName(), b == null ? null : b.getVersion().toString(),
                    d.bundleState(), d.outcome() == DeploymentDiagnostics.Outcome.FAILED, d.reason(),
                    schemes.getOrDefault(d.bundleId(), List.of())));
        }
        for (Bundle b : context.getBundles()) {
            if (seen.contains(b.getBundleId()) || !isPlugin(b)) {
                continue;
            }
            String reason = failures.get(b.getBundleId());
            String state = DeploymentDiagnostics.stateName(b.getState());
            boolean stopped = b.getState() == Bundle.RESOLVED && DeploymentDiagnostics.stoppedOnPurpose(b);
            out.add(new Plugin(null, b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state,
                    reason != null || (b.getState() != Bundle.ACTIVE && !stopped), stopped ? "stopped by an administrator" : reason,
                    schemes.getOrDefault(b.getBundleId(), List.of())));
        }
        return out;
    }

    @Override
    public Plugin upload(Actor actor, String fileName, InputStream content) throws IOException {
        requireAdmin(actor);
        String given = fileName == null ? "" : fileName.replace('\\', '/');
        String name = given.substring(given.lastIndexOf('/') + 1);
        if (!FILE_NAME.matcher(name).matches()) {
            throw ValidationException.of("file", "plugin.fileName", fileName);
        }
        // a hidden temporary name FileInstall does not watch (its filter takes *.jar and *.cfg)
        Path tmp = Files.createTempFile(deployDir, ".upload-", ".part");
        String sha256;
        try {
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE), digest)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) > 0;) {
                    size += n;
                    if (size > MAX_BYTES) {
                        throw ValidationException.of("file", "plugin.tooLarge", MAX_BYTES / (1024 * 1024));
                    }
                    out.write(buffer, 0, n);
                }
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            String notABundle = DeploymentDiagnostics.notABundleReason(tmp);
            if (notABundle != null) {
                throw ValidationException.of("file", "plugin.notABundle", notABundle);
            }
            sha256 = HexFormat.of().formatHex(digest.digest());
            Files.move(tmp, deployDir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        audit(actor, "plugin.uploaded", name, Map.of("sha256", sha256));
        LOG.info("Plugin {} uploaded by {} into {}", name, actor.displayName(), deployDir);
        return new Plugin(name, -1, null, null, null, false, "waiting to be installed", List.of());
    }

    @Override
    public void stop(Actor actor, long bundleId) {
        requireAdmin(actor);
        Bundle b = managed(bundleId);
        try {
            b.stop();
        } catch (BundleException | IllegalStateException e) {
            throw ValidationException.of("plugin", "plugin.stopFailed", FrameworkLauncher.oneLine(e));
        }
        audit(actor, "plugin.stopped", b.getSymbolicName(), Map.of("bundleId", bundleId, "version", b.getVersion().toString()));
    }

    @Override
    public void start(Actor actor, long bundleId) {
        requireAdmin(actor);
        Bundle b = managed(bundleId);
        try {
            b.start();
        } catch (BundleException | IllegalStateException e) {
            throw ValidationException.of("plugin", "plugin.startFailed", FrameworkLauncher.oneLine(e));
        }
        audit(actor, "plugin.started", b.getSymbolicName(), Map.of("bundleId", bundleId, "version", b.getVersion().toString()));
    }

    @Override
    public void uninstall(Actor actor, long bundleId) {
        requireAdmin(actor);
        Bundle b = managed(bundleId);
        Path file = deployFile(b);
        if (file == null) {
            throw ValidationException.of("plugin", "plugin.provisioned", b.getSymbolicName());
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + file + ": " + e.getMessage(), e);
        }
        audit(actor, "plugin.uninstalled", b.getSymbolicName(), Map.of("bundleId", bundleId, "file", file.getFileName().toString(),
                "version", b.getVersion().toString()));
    }

    @Override
    public Registration onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void close() {
        try {
            context.removeBundleListener(bundleListener);
        } catch (IllegalStateException stopped) {
            // the framework went first
        }
        catalogSubscription.remove();
        listeners.clear();
    }

    private void changed() {
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("A portal view failed to take a plugin change", e);
            }
        }
    }

    /** A plugin bundle the administrator may act on: never the framework nor a platform service bundle. */
    private Bundle managed(long bundleId) {
        Bundle b = context.getBundle(bundleId);
        if (b == null || bundleId == 0) {
            throw ValidationException.of("plugin", "plugin.unknown", bundleId);
        }
        if (!isPlugin(b) && deployFile(b) == null) {
            throw ValidationException.of("plugin", platformBundles.get().contains(bundleId) ? "plugin.platform" : "plugin.unknown",
                    b.getSymbolicName());
        }
        return b;
    }

    private static boolean isPlugin(Bundle b) {
        return b.getBundleId() != 0 && b.getHeaders("").get(DispositifDescriptors.HEADER) != null;
    }

    /** The bundle's jar in the deploy folder, or null when it came from elsewhere. */
    private Path deployFile(Bundle b) {
        String location = b.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            Path p = Path.of(java.net.URI.create(location)).toAbsolutePath().normalize();
            return p.getParent() != null && p.getParent().equals(deployDir.toAbsolutePath().normalize()) ? p : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The actor is an administrator now (its account read again: roles taken away or an account
     * disabled since its sign-in count), and the audit trail is there to record what it does.
     */
    private void requireAdmin(Actor actor) {
        if (actor == null || !actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        org.guichets.api.identity.IdentityService identity = services.get(org.guichets.api.identity.IdentityService.class)
                .orElseThrow(() -> new org.guichets.api.error.InvalidTransitionException("platform.unavailable"));
        org.guichets.api.identity.Account now;
        try {
            now = identity.account(Actor.system(), actor.accountId());
        } catch (org.guichets.api.error.NotFoundException gone) {
            throw new AccessDeniedException("access.denied");
        }
        if (now.status() != org.guichets.api.identity.AccountStatus.ACTIVE || !now.platformRoles().contains(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        if (services.get(AuditTrail.class).isEmpty()) {
            throw new org.guichets.api.error.InvalidTransitionException("platform.unavailable");
        }
    }

    private void audit(Actor actor, String action, String subject, Map<String, ?> details) {
        AuditTrail trail = services.get(AuditTrail.class).orElse(null);
        if (trail == null) {
            // checked before the action; gone during it: the log keeps what the trail could not
            LOG.error("AUDIT UNAVAILABLE: {} {} by {} {}", action, subject, actor.displayName(), details);
            return;
        }
        trail.record(actor, action, "plugin", subject, details);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

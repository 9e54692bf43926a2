package org.guichets.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongFunction;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells, for each jar in the deploy folder, what became of it: the bundle it was installed as and
 * its state, or why it could not be (not a jar, not a bundle, unresolved requirements).
 *
 * <p>FileInstall installs and starts what it can; what it cannot, it only logs. This class makes
 * those outcomes visible in {@code /health} and logs each new failure once. Thread-safe.
 */
final class DeploymentDiagnostics {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentDiagnostics.class);

    /** How long a new file or bundle may wait for FileInstall to install and start it before it counts as failed. */
    private static final long GRACE_MILLIS = 3_000;

    /** The outcome for one file of the deploy folder. */
    enum Outcome { ACTIVE, PENDING, STOPPED, FAILED }

    /**
     * What became of one file.
     *
     * @param file the file name
     * @param outcome the verdict
     * @param bundleId the bundle it was installed as, or -1
     * @param symbolicName that bundle's symbolic name, or {@code null}
     * @param bundleState that bundle's state (ACTIVE, RESOLVED…), or {@code null}
     * @param reason why it failed or waits; {@code null} when active
     */
    record Deployment(String file, Outcome outcome, long bundleId, String symbolicName, String bundleState, String reason) {}

    private final BundleContext context;
    private final Path deployDir;
    private final LongFunction<String> schemeFailure;
    private final Map<Path, String> reported = new HashMap<>();

    /**
     * @param context the framework's bundle context
     * @param deployDir the folder FileInstall watches
     * @param schemeFailure why the scheme of a bundle failed, by bundle id; {@code null} when it did not
     */
    DeploymentDiagnostics(BundleContext context, Path deployDir, LongFunction<String> schemeFailure) {
        this.context = context;
        this.deployDir = deployDir;
        this.schemeFailure = schemeFailure;
    }

    /** The current outcome of every jar in the deploy folder, by file name. */
    List<Deployment> deployments() {
        Map<Path, Bundle> byFile = new HashMap<>();
        for (Bundle b : context.getBundles()) {
            Path p = fileOf(b.getLocation());
            if (p != null) {
                byFile.put(p, b);
            }
        }
        List<Deployment> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path file : files) {
                Path key = file.toAbsolutePath().normalize();
                result.add(diagnose(key, byFile.get(key)));
            }
        } catch (IOException e) {
            LOG.warn("Cannot list the deploy folder {}: {}", deployDir, e.getMessage());
        }
        result.sort((a, b) -> a.file().compareTo(b.file()));
        return result;
    }

    /** Logs, once per file and reason, every deployment that failed since the last call. */
    synchronized void logNewFailures() {
        Map<Path, String> seen = new HashMap<>();
        for (Deployment d : deployments()) {
            if (d.outcome() == Outcome.FAILED) {
                Path key = deployDir.resolve(d.file());
                seen.put(key, d.reason());
                if (!Objects.equals(reported.get(key), d.reason())) {
                    LOG.warn("Plugin {} in {} FAILED: {}", d.file(), deployDir, d.reason());
                }
            }
        }
        reported.clear();
        reported.putAll(seen);
    }

    private Deployment diagnose(Path file, Bundle bundle) {
        String name = file.getFileName().toString();
        if (bundle != null) {
            String state = stateName(bundle.getState());
            String refused = schemeFailure.apply(bundle.getBundleId());
            if (refused != null) {
                return new Deployment(name, Outcome.FAILED, bundle.getBundleId(), bundle.getSymbolicName(), state,
                        "the scheme was refused: " + refused);
            }
            return switch (bundle.getState()) {
                case Bundle.ACTIVE -> new Deployment(name, Outcome.ACTIVE, bundle.getBundleId(), bundle.getSymbolicName(), state, null);
                case Bundle.STARTING -> lazy(bundle)
                        ? new Deployment(name, Outcome.ACTIVE, bundle.getBundleId(), bundle.getSymbolicName(), state, null)
                        : new Deployment(name, Outcome.PENDING, bundle.getBundleId(), bundle.getSymbolicName(), state, "starting");
                case Bundle.INSTALLED -> installed(name, bundle, state);
                case Bundle.RESOLVED -> recent(bundle)
                        ? new Deployment(name, Outcome.PENDING, bundle.getBundleId(), bundle.getSymbolicName(), state, "starting")
                        : stoppedOnPurpose(bundle)
                        ? new Deployment(name, Outcome.STOPPED, bundle.getBundleId(), bundle.getSymbolicName(), state,
                                "stopped by an administrator")
                        : new Deployment(name, Outcome.FAILED, bundle.getBundleId(), bundle.getSymbolicName(), state,
                                "the bundle is resolved but not started: its activator failed or it was stopped (see the log)");
                default -> new Deployment(name, Outcome.PENDING, bundle.getBundleId(), bundle.getSymbolicName(), state, state.toLowerCase());
            };
        }
        String notABundle = notABundleReason(file);
        if (notABundle != null) {
            return new Deployment(name, Outcome.FAILED, -1, null, null, notABundle);
        }
        long age;
        try {
            age = System.currentTimeMillis() - Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return new Deployment(name, Outcome.FAILED, -1, null, null, "cannot read the file: " + e.getMessage());
        }
        return age < GRACE_MILLIS
                ? new Deployment(name, Outcome.PENDING, -1, null, null, "waiting to be installed")
                : new Deployment(name, Outcome.FAILED, -1, null, null,
                        "not installed: the framework refused the bundle (a duplicate symbolic name and version, or a malformed manifest; see the log)");
    }

    /** An installed bundle: failed if a requirement is missing, pending while FileInstall may still start it. */
    private Deployment installed(String name, Bundle bundle, String state) {
        List<String> missing = missingRequirements(bundle);
        if (!missing.isEmpty()) {
            return new Deployment(name, Outcome.FAILED, bundle.getBundleId(), bundle.getSymbolicName(), state,
                    "unresolved: missing requirement " + String.join("; missing requirement ", missing));
        }
        return recent(bundle)
                ? new Deployment(name, Outcome.PENDING, bundle.getBundleId(), bundle.getSymbolicName(), state, "installing")
                : new Deployment(name, Outcome.FAILED, bundle.getBundleId(), bundle.getSymbolicName(), state,
                        "the bundle is installed but not resolved (see the log)");
    }

    /** Stopped persistently (an administrator's stop), not failed to start: FileInstall starts persistently. */
    static boolean stoppedOnPurpose(Bundle bundle) {
        org.osgi.framework.startlevel.BundleStartLevel level = bundle.adapt(org.osgi.framework.startlevel.BundleStartLevel.class);
        return level != null && !level.isPersistentlyStarted();
    }

    /** Installed or updated so recently that FileInstall may not have started it yet. */
    private static boolean recent(Bundle bundle) {
        return System.currentTimeMillis() - bundle.getLastModified() < GRACE_MILLIS;
    }

    /** Why a jar is not an OSGi bundle, or {@code null} if it is one. */
    static String notABundleReason(Path file) {
        try (JarFile jar = new JarFile(file.toFile())) {
            Manifest m = jar.getManifest();
            if (m == null) {
                return "not an OSGi bundle: the jar has no META-INF/MANIFEST.MF";
            }
            String bsn = m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (bsn == null || bsn.isBlank()) {
                return "not an OSGi bundle: its manifest has no Bundle-SymbolicName";
            }
            return null;
        } catch (ZipException e) {
            return "not a jar: " + e.getMessage();
        } catch (IOException e) {
            return "cannot read the jar: " + e.getMessage();
        }
    }

    /** The mandatory requirements of an installed bundle that nothing in the framework satisfies. */
    private List<String> missingRequirements(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return List.of();
        }
        List<Capability> capabilities = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            BundleRevision r = b.adapt(BundleRevision.class);
            if (r != null && b.getState() != Bundle.INSTALLED && b.getState() != Bundle.UNINSTALLED) {
                capabilities.addAll(r.getCapabilities(null));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Requirement req : revision.getRequirements(null)) {
            Map<String, String> directives = req.getDirectives();
            if (Namespace.RESOLUTION_OPTIONAL.equals(directives.get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))
                    || !Namespace.EFFECTIVE_RESOLVE.equals(directives.getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                            Namespace.EFFECTIVE_RESOLVE))) {
                continue;
            }
            if (!satisfied(req, capabilities)) {
                missing.add(req.getNamespace() + " " + directives.getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, ""));
            }
        }
        return missing;
    }

    private static boolean satisfied(Requirement req, List<Capability> capabilities) {
        String filterText = req.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        Filter filter;
        try {
            filter = filterText == null ? null : FrameworkUtil.createFilter(filterText);
        } catch (InvalidSyntaxException e) {
            return false;
        }
        for (Capability cap : capabilities) {
            if (cap.getNamespace().equals(req.getNamespace()) && (filter == null || filter.matches(cap.getAttributes()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean lazy(Bundle b) {
        String policy = b.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
        return policy != null && policy.trim().startsWith(Constants.ACTIVATION_LAZY);
    }

    private static Path fileOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(java.net.URI.create(location)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN(" + state + ")";
        };
    }
}

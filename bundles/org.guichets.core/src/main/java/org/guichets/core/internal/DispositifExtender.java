package org.guichets.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import org.guichets.api.Dispositif;
import org.guichets.api.LocalizedText;
import org.guichets.api.PluginOrigin;
import org.guichets.api.descriptor.DispositifDescriptors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;

/**
 * The extender: follows bundles that carry the {@value DispositifDescriptors#HEADER} header and
 * tells the registry when their scheme enters or leaves service.
 *
 * <ul>
 *   <li>A bundle that becomes ACTIVE (or STARTING under lazy activation) has its descriptor read and
 *       validated: the scheme is published ACTIVE, or FAILED with the reason.
 *   <li>A bundle whose activator throws goes STARTING → STOPPING → RESOLVED without ever being
 *       ACTIVE: its scheme is published FAILED.
 *   <li>A bundle that stops after having started, is uninstalled or unresolved: its scheme is
 *       withdrawn.
 * </ul>
 *
 * <p>Callbacks arrive on the framework's event thread for the bundle; the registry hands them on
 * to listeners asynchronously.
 */
final class DispositifExtender implements BundleTrackerCustomizer<DispositifExtender.Tracked> {

    /** What the extender remembers of one plugin bundle. */
    static final class Tracked {
        /** A start attempt is in progress (STARTING seen, STARTED not yet). */
        boolean starting;
        /** The descriptor was read for the current activation of the bundle. */
        boolean loaded;
        /** Something (ACTIVE or FAILED) is published in the registry for this bundle. */
        boolean published;
    }

    /** Where the extender reports. */
    interface Sink {
        /** @param descriptor the descriptor's bytes when the scheme is active, else {@code null} */
        void publish(Dispositif dispositif, byte[] descriptor);

        /** A bundle adds guichets to a dispositif another bundle declares. */
        void contribute(PluginOrigin origin, DescriptorReader.Contribution contribution);

        void withdraw(long bundleId);
    }

    private final DescriptorReader reader;
    private final Sink sink;
    private final BundleTracker<Tracked> tracker;

    DispositifExtender(BundleContext context, DescriptorReader reader, Sink sink) {
        this.reader = reader;
        this.sink = sink;
        int mask = Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING;
        this.tracker = new BundleTracker<>(context, mask, this);
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    @Override
    public Tracked addingBundle(Bundle bundle, BundleEvent event) {
        if (bundle.getHeaders("").get(DispositifDescriptors.HEADER) == null) {
            return null;
        }
        Tracked tracked = new Tracked();
        update(bundle, event, tracked);
        return tracked;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        update(bundle, event, tracked);
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, Tracked tracked) {
        if (tracked.published) {
            sink.withdraw(bundle.getBundleId());
            tracked.published = false;
        }
    }

    private void update(Bundle bundle, BundleEvent event, Tracked tracked) {
        int state = bundle.getState();
        if (state == Bundle.ACTIVE || (state == Bundle.STARTING && isLazy(bundle))) {
            tracked.starting = false;
            if (!tracked.loaded) {
                load(bundle);
                tracked.loaded = true;
                tracked.published = true;
            }
        } else if (state == Bundle.STARTING) {
            tracked.starting = true;
        } else if (state == Bundle.STOPPING) {
            if (tracked.loaded) {
                sink.withdraw(bundle.getBundleId());
                tracked.loaded = false;
                tracked.published = false;
            }
        } else if (state == Bundle.RESOLVED && tracked.starting
                && event != null && event.getType() == BundleEvent.STOPPED) {
            // STARTING -> STOPPING -> STOPPED without STARTED: the activator threw (OSGi Core 4.4.5)
            tracked.starting = false;
            sink.publish(Dispositif.failed(bundle.getSymbolicName(), bundleName(bundle), origin(bundle),
                    "the plugin's bundle failed to start: its activator threw an exception (see the log)"), null);
            tracked.published = true;
        }
    }

    /** Reads the bundle's descriptor and publishes its scheme, active or failed. */
    private void load(Bundle bundle) {
        PluginOrigin origin = origin(bundle);
        String path = bundle.getHeaders("").get(DispositifDescriptors.HEADER).trim();
        if (path.isEmpty()) {
            path = DispositifDescriptors.DEFAULT_PATH;
        }
        URL entry = bundle.getEntry(path);
        if (entry == null) {
            sink.publish(Dispositif.failed(bundle.getSymbolicName(), bundleName(bundle), origin,
                    "the descriptor " + path + " named by the " + DispositifDescriptors.HEADER
                            + " header is not in the bundle"), null);
            return;
        }
        byte[] bytes;
        try (InputStream in = entry.openStream()) {
            bytes = in.readNBytes(DescriptorReader.MAX_DESCRIPTOR_BYTES + 1);
        } catch (IOException e) {
            sink.publish(Dispositif.failed(bundle.getSymbolicName(), bundleName(bundle), origin,
                    "cannot read the descriptor " + path + ": " + e.getMessage()), null);
            return;
        }
        try {
            DescriptorReader.Contribution contribution = reader.contribution(bytes);
            for (String template : reader.templates(bytes)) {
                if (bundle.getEntry(template) == null) {
                    throw new DescriptorException("the template " + template + " the descriptor offers for download is not in the bundle");
                }
            }
            if (contribution != null) {
                sink.contribute(origin, contribution);
            } else {
                sink.publish(reader.read(bytes, origin), bytes);
            }
        } catch (DescriptorException e) {
            sink.publish(Dispositif.failed(bundle.getSymbolicName(), bundleName(bundle), origin, e.getMessage()), null);
        }
    }

    private static boolean isLazy(Bundle bundle) {
        String policy = bundle.getHeaders("").get(Constants.BUNDLE_ACTIVATIONPOLICY);
        return policy != null && policy.trim().startsWith(Constants.ACTIVATION_LAZY);
    }

    static PluginOrigin origin(Bundle bundle) {
        String name = bundle.getSymbolicName() == null ? "bundle-" + bundle.getBundleId() : bundle.getSymbolicName();
        return new PluginOrigin(bundle.getBundleId(), name, bundle.getVersion().toString(), bundle.getLocation());
    }

    private static LocalizedText bundleName(Bundle bundle) {
        String name = bundle.getHeaders("").get(Constants.BUNDLE_NAME);
        return LocalizedText.french(name == null || name.isBlank() ? bundle.getSymbolicName() : name);
    }
}

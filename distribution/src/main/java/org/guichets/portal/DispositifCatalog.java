package org.guichets.portal;

import com.vaadin.flow.shared.Registration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifEvent;
import org.guichets.api.DispositifListener;
import org.guichets.api.DispositifRegistry;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's one view of the deployed schemes, shared by every UI: it tracks the core's
 * {@link DispositifRegistry}, listens to its changes (as a {@link DispositifListener} service) and
 * broadcasts each new snapshot to the subscribed UIs.
 *
 * <p>Thread-safe. Subscribers are called on the registry's event thread or the framework's, never
 * under a Vaadin session lock; they must hand the work to their UI with {@code ui.access}.
 */
public final class DispositifCatalog implements AutoCloseable {

    /** The servlet context attribute under which the launcher publishes the catalog. */
    public static final String ATTRIBUTE = DispositifCatalog.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(DispositifCatalog.class);

    private final ServiceTracker<DispositifRegistry, DispositifRegistry> tracker;
    private final ServiceRegistration<DispositifListener> listener;
    private final List<Consumer<List<Dispositif>>> subscribers = new CopyOnWriteArrayList<>();

    /** Starts tracking; the catalog is live until {@link #close()}. */
    public DispositifCatalog(BundleContext context) {
        this.tracker = new ServiceTracker<>(context, DispositifRegistry.class, null) {
            @Override
            public DispositifRegistry addingService(ServiceReference<DispositifRegistry> reference) {
                DispositifRegistry registry = super.addingService(reference);
                // not yet in the tracker while this method runs: broadcast from it directly
                broadcast(registry);
                return registry;
            }

            @Override
            public void removedService(ServiceReference<DispositifRegistry> reference, DispositifRegistry service) {
                super.removedService(reference, service);
                broadcast(getService());
            }
        };
        tracker.open();
        DispositifListener onChange = this::changed;
        this.listener = context.registerService(DispositifListener.class, onChange, new Hashtable<>());
    }

    /** Every deployed scheme, active or failed; empty while the core is not running. */
    public List<Dispositif> all() {
        return all(tracker.getService());
    }

    /** The schemes in service; empty while the core is not running. */
    public List<Dispositif> active() {
        return active(tracker.getService());
    }

    private static List<Dispositif> all(DispositifRegistry registry) {
        return registry == null ? List.of() : registry.dispositifs();
    }

    private static List<Dispositif> active(DispositifRegistry registry) {
        return all(registry).stream().filter(Dispositif::isActive).toList();
    }

    /**
     * Calls {@code subscriber} with the active schemes after each change, until the returned
     * registration is removed.
     */
    public Registration subscribe(Consumer<List<Dispositif>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    private void changed(DispositifEvent event) {
        broadcast(tracker.getService());
    }

    private void broadcast(DispositifRegistry registry) {
        List<Dispositif> snapshot = active(registry);
        for (Consumer<List<Dispositif>> s : subscribers) {
            try {
                s.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("A portal view failed to take a scheme update", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            listener.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework stopped first and unregistered it
        }
        tracker.close();
        subscribers.clear();
    }
}

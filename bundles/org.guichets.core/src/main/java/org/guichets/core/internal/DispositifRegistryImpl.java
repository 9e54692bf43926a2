package org.guichets.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.guichets.api.DeploymentState;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifEvent;
import org.guichets.api.DispositifListener;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.PluginOrigin;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of deployed schemes, fed by the {@link DispositifExtender} it owns.
 *
 * <p>State changes are serialised on this object's monitor; listeners are called on one
 * registry-owned thread, in the order of the changes, so a slow or failing listener never blocks
 * the framework thread that started or stopped a plugin.
 */
@Component(service = {DispositifRegistry.class, DispositifRegistryImpl.class}, immediate = true)
public final class DispositifRegistryImpl implements DispositifRegistry, DispositifExtender.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(DispositifRegistryImpl.class);
    private static final Comparator<Dispositif> ORDER =
            Comparator.comparing(Dispositif::id).thenComparingLong(d -> d.origin().bundleId());

    private final Map<Long, Dispositif> byBundle = new HashMap<>();
    private final List<DispositifListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "guichets-dispositif-events");
        t.setDaemon(true);
        return t;
    });
    private volatile List<Dispositif> snapshot = List.of();
    /** The descriptors of the schemes that were active, by "id@referentialVersion". */
    private final Map<String, byte[]> descriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final DescriptorReader reader = new DescriptorReader();
    private DispositifExtender extender;

    @Activate
    void activate(BundleContext context) {
        extender = new DispositifExtender(context, reader, this);
        extender.open();
    }

    @Deactivate
    public void deactivate() throws InterruptedException {
        if (extender != null) {
            extender.close();
        }
        notifier.shutdown();
        notifier.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(DispositifListener listener) {
        listeners.add(listener);
    }

    void removeListener(DispositifListener listener) {
        listeners.remove(listener);
    }

    @Override
    public List<Dispositif> dispositifs() {
        return snapshot;
    }

    @Override
    public Optional<Dispositif> find(String id) {
        List<Dispositif> all = snapshot;
        return all.stream().filter(d -> d.id().equals(id) && d.isActive()).findFirst()
                .or(() -> all.stream().filter(d -> d.id().equals(id)).findFirst());
    }

    /**
     * The descriptor of scheme {@code id} at {@code referentialVersion}, as it was last deployed
     * during this run, if it was.
     */
    public java.util.Optional<byte[]> descriptor(String id, String referentialVersion) {
        return java.util.Optional.ofNullable(descriptors.get(id + "@" + referentialVersion)).map(byte[]::clone);
    }

    /** The reader that validates descriptors, for schemes kept elsewhere (pinned referentials). */
    public DescriptorReader reader() {
        return reader;
    }

    /** Publishes a scheme read from {@code descriptor} (a test or a tool's entry point). */
    public Dispositif publishDescriptor(byte[] descriptor, PluginOrigin origin) throws DescriptorException {
        Dispositif d = reader.read(descriptor, origin);
        publish(d, descriptor);
        return d;
    }

    @Override
    public synchronized void publish(Dispositif dispositif, byte[] descriptor) {
        long bundleId = dispositif.origin().bundleId();
        Dispositif accepted = dispositif;
        if (dispositif.isActive()) {
            Optional<Dispositif> holder = byBundle.values().stream()
                    .filter(d -> d.isActive() && d.id().equals(dispositif.id()) && d.origin().bundleId() != bundleId)
                    .findFirst();
            if (holder.isPresent()) {
                accepted = Dispositif.failed(dispositif.id(), dispositif.name(), dispositif.origin(),
                        "the scheme id '" + dispositif.id() + "' is already provided by bundle "
                                + holder.get().origin().symbolicName() + " [" + holder.get().origin().bundleId() + "]");
            }
        }
        byBundle.put(bundleId, accepted);
        if (accepted.isActive() && descriptor != null) {
            descriptors.put(accepted.id() + "@" + accepted.referentialVersion(), descriptor.clone());
        }
        refresh();
        if (accepted.state() == DeploymentState.ACTIVE) {
            LOG.info("Scheme '{}' deployed from {} {} (referential {}, {} guichet(s))", accepted.id(),
                    accepted.origin().symbolicName(), accepted.origin().version(), accepted.referentialVersion(),
                    accepted.guichets().size());
            fire(new DispositifEvent(DispositifEvent.Type.DEPLOYED, accepted));
        } else {
            LOG.warn("Scheme plugin {} [{}] FAILED: {}", accepted.origin().symbolicName(),
                    accepted.origin().bundleId(), accepted.failureReason());
            fire(new DispositifEvent(DispositifEvent.Type.FAILED, accepted));
        }
    }

    @Override
    public synchronized void withdraw(long bundleId) {
        Dispositif removed = byBundle.remove(bundleId);
        if (removed != null) {
            refresh();
            LOG.info("Scheme '{}' withdrawn ({} [{}] stopped)", removed.id(), removed.origin().symbolicName(), bundleId);
            fire(new DispositifEvent(DispositifEvent.Type.WITHDRAWN, removed));
        }
    }

    private void refresh() {
        List<Dispositif> all = new ArrayList<>(byBundle.values());
        all.sort(ORDER);
        snapshot = List.copyOf(all);
    }

    private void fire(DispositifEvent event) {
        notifier.execute(() -> {
            for (DispositifListener listener : listeners) {
                try {
                    listener.dispositifChanged(event);
                } catch (RuntimeException e) {
                    LOG.error("Dispositif listener {} failed on {}", listener, event.type(), e);
                }
            }
        });
    }
}

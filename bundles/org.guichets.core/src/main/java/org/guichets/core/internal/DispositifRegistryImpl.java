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
import org.guichets.api.LocalizedText;
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
    /** What each bundle published as it declared it: a dispositif's descriptor, before contributions. */
    private final Map<Long, byte[]> declared = new HashMap<>();
    /** Contributions by bundle, with the bundle they come from. */
    private final Map<Long, Contributed> contributions = new HashMap<>();

    private record Contributed(PluginOrigin origin, DescriptorReader.Contribution contribution) {}
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
        if (dispositif.isActive() && descriptor != null) {
            declared.put(dispositif.origin().bundleId(), descriptor.clone());
        }
        accept(merged(dispositif, descriptor));
    }

    @Override
    public synchronized void contribute(PluginOrigin origin, DescriptorReader.Contribution contribution) {
        contributions.put(origin.bundleId(), new Contributed(origin, contribution));
        remerge(contribution.dispositifId());
    }

    /** Publishes a contribution as failed, with its reason (its guichets are left out). */
    private void failContribution(Contributed c, String reason) {
        Dispositif already = byBundle.get(c.origin().bundleId());
        if (already != null && reason.equals(already.failureReason())) {
            return; // told already
        }
        Dispositif failed = Dispositif.failed(c.origin().symbolicName(), LocalizedText.french(c.origin().symbolicName()),
                c.origin(), reason);
        byBundle.put(c.origin().bundleId(), failed);
        refresh();
        LOG.warn("Scheme plugin {} [{}] FAILED: {}", c.origin().symbolicName(), c.origin().bundleId(), reason);
        fire(new DispositifEvent(DispositifEvent.Type.FAILED, failed));
    }

    /**
     * {@code base} with the contributions to it merged in, bundle by bundle (by symbolic name); a
     * contribution of another referential version, or one whose guichets break the whole, is
     * published failed and left out. Contributions to an absent dispositif are failed.
     */
    private Dispositif merged(Dispositif base, byte[] baseBytes) {
        List<Contributed> to = contributions.values().stream()
                .filter(c -> c.contribution().dispositifId().equals(base.id()))
                .sorted(Comparator.comparing((Contributed c) -> c.origin().symbolicName()).thenComparing(c -> c.origin().bundleId()))
                .toList();
        if (!base.isActive() || baseBytes == null) {
            to.forEach(c -> failContribution(c, "it contributes to dispositif '" + base.id() + "', which is not deployed"));
            return base;
        }
        Dispositif result = base;
        byte[] bytes = baseBytes;
        for (Contributed c : to) {
            if (!c.contribution().referentialVersion().equals(base.referentialVersion())) {
                failContribution(c, "it contributes to referential " + c.contribution().referentialVersion() + " of '"
                        + base.id() + "', but " + base.referentialVersion() + " is deployed");
                continue;
            }
            try {
                byte[] next = reader.merge(bytes, c.contribution());
                result = reader.read(next, base.origin());
                bytes = next;
                if (byBundle.remove(c.origin().bundleId()) != null) {
                    refresh();
                }
            } catch (DescriptorException e) {
                failContribution(c, "its guichets cannot join '" + base.id() + "': " + e.getMessage());
            }
        }
        lastMerged = bytes;
        return result;
    }

    /** The bytes of the last {@link #merged} dispositif (under the lock). */
    private byte[] lastMerged;

    private void remerge(String dispositifId) {
        Optional<Dispositif> base = byBundle.values().stream()
                .filter(d -> d.isActive() && d.id().equals(dispositifId)).findFirst();
        if (base.isEmpty()) {
            contributions.values().stream().filter(c -> c.contribution().dispositifId().equals(dispositifId))
                    .forEach(c -> failContribution(c, "it contributes to dispositif '" + dispositifId + "', which is not deployed"));
            return;
        }
        byte[] baseBytes = declared.get(base.get().origin().bundleId());
        Dispositif alone;
        try {
            alone = reader.read(baseBytes, base.get().origin());
        } catch (DescriptorException e) {
            throw new IllegalStateException("a deployed descriptor no longer reads", e);
        }
        accept(merged(alone, baseBytes));
    }

    private void accept(Dispositif dispositif) {
        byte[] descriptor = lastMerged;
        lastMerged = null;
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
        declared.remove(bundleId);
        Contributed contribution = contributions.remove(bundleId);
        Dispositif removed = byBundle.remove(bundleId);
        if (removed != null) {
            refresh();
            LOG.info("Scheme '{}' withdrawn ({} [{}] stopped)", removed.id(), removed.origin().symbolicName(), bundleId);
            fire(new DispositifEvent(DispositifEvent.Type.WITHDRAWN, removed));
            if (removed.isActive()) {
                // its contributions wait for it
                remerge(removed.id());
            }
        }
        if (contribution != null) {
            remerge(contribution.contribution().dispositifId());
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

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
    /** The active dispositifs as their bundles declared them, before contributions, by bundle. */
    private final Map<Long, Declared> declared = new HashMap<>();
    /** Contributions by bundle, with the bundle they come from. */
    private final Map<Long, Contributed> contributions = new HashMap<>();

    private record Declared(Dispositif dispositif, byte[] bytes) {}

    private record Contributed(PluginOrigin origin, DescriptorReader.Contribution contribution) {}

    /** A scheme as published, with the (merged) descriptor it was read from, or {@code null}. */
    private record Merged(Dispositif dispositif, byte[] bytes) {}
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
    private volatile BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
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
    public Optional<java.io.InputStream> openTemplate(String dispositifId, String path) throws java.io.IOException {
        Optional<Dispositif> d = find(dispositifId);
        BundleContext ctx = context;
        boolean offered = d.isPresent() && d.get().guichets().stream().flatMap(g -> g.chapters().stream())
                .flatMap(c -> c.requirements().stream()).flatMap(r -> r.evidence().stream())
                .anyMatch(e -> path.equals(e.template()));
        if (!offered || ctx == null) {
            return Optional.empty();
        }
        List<Long> bundles = new java.util.ArrayList<>();
        synchronized (this) {
            declared.forEach((id, decl) -> {
                if (decl.dispositif().id().equals(dispositifId)) {
                    bundles.add(id);
                }
            });
            contributions.forEach((id, c) -> {
                if (c.contribution().dispositifId().equals(dispositifId)) {
                    bundles.add(id);
                }
            });
        }
        for (long id : bundles) {
            org.osgi.framework.Bundle b = ctx.getBundle(id);
            java.net.URL entry = b == null ? null : b.getEntry(path);
            if (entry != null) {
                return Optional.of(entry.openStream());
            }
        }
        return Optional.empty();
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
        Declared before = declared.remove(bundleId);
        Optional<Dispositif> holder = !dispositif.isActive() ? Optional.empty() : byBundle.values().stream()
                .filter(d -> d.isActive() && d.id().equals(dispositif.id()) && d.origin().bundleId() != bundleId)
                .findFirst();
        if (holder.isPresent()) {
            accept(new Merged(Dispositif.failed(dispositif.id(), dispositif.name(), dispositif.origin(),
                    "the scheme id '" + dispositif.id() + "' is already provided by bundle "
                            + holder.get().origin().symbolicName() + " [" + holder.get().origin().bundleId() + "]"), null));
        } else if (dispositif.isActive() && descriptor != null) {
            Declared base = new Declared(dispositif, descriptor.clone());
            declared.put(bundleId, base);
            accept(merged(base));
        } else {
            accept(new Merged(dispositif, null));
        }
        if (before != null && !declared.containsKey(bundleId)) {
            // it no longer serves its contributions: they wait for it
            remerge(before.dispositif().id());
        }
    }

    @Override
    public synchronized void contribute(PluginOrigin origin, DescriptorReader.Contribution contribution) {
        contributions.put(origin.bundleId(), new Contributed(origin, contribution));
        remerge(contribution.dispositifId());
    }

    /** Publishes a contribution as failed, with its reason (its guichets are left out), unless already told. */
    private void failContribution(Contributed c, String reason) {
        Dispositif already = byBundle.get(c.origin().bundleId());
        if (already != null && reason.equals(already.failureReason())) {
            return;
        }
        Dispositif failed = Dispositif.failed(c.origin().symbolicName(), LocalizedText.french(c.origin().symbolicName()),
                c.origin(), reason);
        byBundle.put(c.origin().bundleId(), failed);
        refresh();
        LOG.warn("Scheme plugin {} [{}] FAILED: {}", c.origin().symbolicName(), c.origin().bundleId(), reason);
        fire(new DispositifEvent(DispositifEvent.Type.FAILED, failed));
    }

    private List<Contributed> contributionsTo(String dispositifId) {
        return contributions.values().stream()
                .filter(c -> c.contribution().dispositifId().equals(dispositifId))
                .sorted(Comparator.comparing((Contributed c) -> c.contribution().extendsGuichets())
                        .thenComparing(c -> c.origin().symbolicName()).thenComparing(c -> c.origin().bundleId()))
                .toList();
    }

    /**
     * {@code base} with the contributions to it merged in, bundle by bundle (by symbolic name); a
     * contribution of another referential version, or one whose guichets break the whole, is
     * published failed and left out.
     */
    private Merged merged(Declared base) {
        Dispositif result = base.dispositif();
        byte[] bytes = base.bytes();
        for (Contributed c : contributionsTo(result.id())) {
            if (!c.contribution().referentialVersion().equals(result.referentialVersion())) {
                failContribution(c, "it contributes to referential " + c.contribution().referentialVersion() + " of '"
                        + result.id() + "', but " + result.referentialVersion() + " is deployed");
                continue;
            }
            try {
                byte[] next = reader.merge(bytes, c.contribution());
                result = reader.read(next, result.origin());
                bytes = next;
                if (byBundle.remove(c.origin().bundleId()) != null) {
                    refresh();
                }
            } catch (DescriptorException e) {
                failContribution(c, "its guichets cannot join '" + result.id() + "': " + e.getMessage());
            }
        }
        return new Merged(result, bytes);
    }

    /** Merges the contributions to {@code dispositifId} again, or fails them while it is not deployed. */
    private void remerge(String dispositifId) {
        Optional<Declared> base = declared.values().stream()
                .filter(d -> d.dispositif().id().equals(dispositifId)).findFirst();
        if (base.isPresent()) {
            accept(merged(base.get()));
        } else {
            contributionsTo(dispositifId).forEach(c -> failContribution(c,
                    "it contributes to dispositif '" + dispositifId + "', which is not deployed"));
        }
    }

    /** Publishes a scheme with the descriptor it was read from ({@code null} unless active). */
    private void accept(Merged merged) {
        Dispositif accepted = merged.dispositif();
        byBundle.put(accepted.origin().bundleId(), accepted);
        if (accepted.isActive() && merged.bytes() != null) {
            descriptors.put(accepted.id() + "@" + accepted.referentialVersion(), merged.bytes().clone());
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

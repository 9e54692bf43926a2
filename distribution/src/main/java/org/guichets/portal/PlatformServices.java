package org.guichets.portal;

import com.vaadin.flow.server.VaadinServlet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The framework's services as the portal reaches them: one tracker per service type, opened on
 * first use, so that a view always gets the service in place now, or nothing while its bundle is
 * stopped or being updated. Thread-safe.
 */
public final class PlatformServices implements AutoCloseable {

    /** The servlet context attribute under which the launcher publishes them. */
    public static final String ATTRIBUTE = PlatformServices.class.getName();

    private final BundleContext context;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PlatformServices(BundleContext context) {
        this.context = context;
    }

    /** The service of {@code type} in place now, if any. */
    public <T> Optional<T> get(Class<T> type) {
        if (closed) {
            return Optional.empty();
        }
        ServiceTracker<?, ?> tracker = trackers.computeIfAbsent(type, t -> {
            ServiceTracker<T, T> tr = new ServiceTracker<>(context, type, null);
            tr.open();
            return tr;
        });
        return Optional.ofNullable(type.cast(tracker.getService()));
    }

    /** Every service of {@code type} in place now (a type several plugins provide, such as reference lists). */
    public <T> java.util.List<T> all(Class<T> type) {
        if (closed) {
            return java.util.List.of();
        }
        get(type);
        Object[] found = trackers.get(type).getServices();
        if (found == null) {
            return java.util.List.of();
        }
        return java.util.Arrays.stream(found).map(type::cast).toList();
    }

    /** The services the launcher published for the current request's servlet. */
    public static PlatformServices current() {
        Object services = VaadinServlet.getCurrent().getServletContext().getAttribute(ATTRIBUTE);
        if (services == null) {
            throw new IllegalStateException("the launcher did not publish the platform's services");
        }
        return (PlatformServices) services;
    }

    @Override
    public void close() {
        closed = true;
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}

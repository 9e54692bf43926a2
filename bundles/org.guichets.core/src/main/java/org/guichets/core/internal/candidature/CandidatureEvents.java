package org.guichets.core.internal.candidature;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.CandidatureListener;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands candidature events to the {@link CandidatureListener} services, after the transaction
 * that caused them committed, one at a time on one thread, in order.
 */
@Component(service = CandidatureEvents.class)
public final class CandidatureEvents {

    private static final Logger LOG = LoggerFactory.getLogger(CandidatureEvents.class);

    private final List<CandidatureListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "guichets-candidature-events");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(CandidatureListener listener) {
        listeners.add(listener);
    }

    public void removeListener(CandidatureListener listener) {
        listeners.remove(listener);
    }

    /**
     * The event {@code type} about candidature {@code c}, by {@code actor}, now; also written to the
     * notification log in {@code em}'s transaction.
     */
    static CandidatureEvent event(jakarta.persistence.EntityManager em, org.guichets.core.internal.jpa.CandidatureEntity c,
            CandidatureEvent.Type type, org.guichets.api.identity.Actor actor, java.util.Map<String, String> details) {
        CandidatureEvent event = new CandidatureEvent(type, c.number, c.organizationId, c.dispositifId, c.guichetId,
                actor.accountId(), java.time.Instant.now(), details);
        // in the caller's transaction: those to be told of it will be, if and only if it commits
        org.guichets.core.internal.notification.EventLog.candidature(em, event);
        return event;
    }

    /** Tells every listener of each event, in order; call after the commit. */
    public void fire(List<CandidatureEvent> events) {
        for (CandidatureEvent event : events) {
            thread.execute(() -> {
                for (CandidatureListener l : listeners) {
                    try {
                        l.candidatureChanged(event);
                    } catch (RuntimeException e) {
                        LOG.error("Candidature listener {} failed on {} {}", l, event.type(), event.candidatureNumber(), e);
                    }
                }
            });
        }
    }

    @Deactivate
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}

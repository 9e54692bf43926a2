package org.guichets.api.deliverable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The registry of issued deliverables and their lifecycle. Deliverables become due inside the
 * transaction that triggers them (a chapter validated, a favourable decision) and are rendered and
 * signed right after; their signed PDF is kept with the evidence.
 */
@ProviderType
public interface DeliverableService {

    /** The deliverables of a candidature, oldest first (who may read the candidature may read them). */
    List<IssuedDeliverable> forCandidature(Actor actor, String candidatureNumber);

    /**
     * One deliverable.
     *
     * @throws org.guichets.api.error.NotFoundException if absent or not visible to the actor
     */
    IssuedDeliverable get(Actor actor, String id);

    /**
     * The signed PDF.
     *
     * @throws org.guichets.api.error.NotFoundException if absent, not visible, or still pending
     */
    byte[] pdf(Actor actor, String id);

    /** The registry's record for a public verification page: anyone may ask, by identifier. */
    Optional<IssuedDeliverable> lookup(String id);

    /**
     * Revokes a deliverable (committee or administrator), with a reason; audited and told to
     * {@link DeliverableListener}s.
     *
     * @throws org.guichets.api.error.AccessDeniedException for anyone else
     * @throws org.guichets.api.error.ValidationException without a reason
     * @throws org.guichets.api.error.ConflictException if it is not valid any more
     */
    IssuedDeliverable revoke(Actor actor, String id, String reason);

    /**
     * The scheduled job's pass, at {@code now}: signs what is pending, expires what is due and
     * tells of deliverables {@link DeliverableEvent#REMINDER_DAYS} days before their expiry (each
     * reminder once). Runs on its own every {@code guichets.deliverables.sweepSeconds}.
     */
    Sweep sweep(Instant now);

    /**
     * What a pass did.
     *
     * @param issued deliverables signed
     * @param expired deliverables expired
     * @param reminders reminders told
     * @param stillPending deliverables that could not be signed yet
     */
    record Sweep(int issued, int expired, int reminders, int stillPending) {}
}

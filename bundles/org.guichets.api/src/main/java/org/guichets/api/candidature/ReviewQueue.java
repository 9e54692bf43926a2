package org.guichets.api.candidature;

import java.util.List;
import org.guichets.api.Page;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agency's work queue: every candidature from its first submission to the committee's
 * decision, with whose turn it is (a submitted form or chapter for reviewers, the decision for the
 * committee, or the candidate's move), who holds it, since when it waits and since when the
 * candidate has been silent. Indexed: stays fast with hundreds of thousands of candidatures.
 */
@ProviderType
public interface ReviewQueue {

    /**
     * @throws org.guichets.api.error.AccessDeniedException unless the actor is a reviewer or sits on the committee
     */
    Page<QueueItem> queue(Actor actor, QueueFilter filter, int offset, int limit);

    /**
     * The actor takes the candidature on.
     *
     * @throws org.guichets.api.error.InvalidTransitionException when a colleague holds it already (assign it instead)
     * @throws org.guichets.api.error.NotFoundException when it is not under instruction
     */
    QueueItem claim(Actor actor, String candidatureNumber);

    /**
     * Hands the candidature to a colleague who may instruct its current step, or releases it
     * ({@code assigneeId} null). Audited.
     *
     * @throws org.guichets.api.error.ValidationException when the colleague may not instruct that step
     */
    QueueItem assign(Actor actor, String candidatureNumber, Long assigneeId);

    /** The staff who may be given the candidature at its current step, by name. */
    List<Colleague> colleagues(Actor actor, String candidatureNumber);

    /** A staff member one may hand a candidature to. */
    record Colleague(long accountId, String displayName) {}
}

package org.guichets.api.candidature;

import org.guichets.api.Page;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agency's work queue: candidatures with a submitted form or chapter (for reviewers) or
 * waiting for the decision (for the committee), longest waiting first. Indexed: stays fast with
 * hundreds of thousands of candidatures.
 */
@ProviderType
public interface ReviewQueue {

    /**
     * @throws org.guichets.api.error.AccessDeniedException unless the actor is a reviewer or sits on the committee
     */
    Page<QueueItem> queue(Actor actor, QueueFilter filter, int offset, int limit);
}

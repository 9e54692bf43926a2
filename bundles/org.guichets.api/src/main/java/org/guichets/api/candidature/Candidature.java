package org.guichets.api.candidature;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One product's application to one guichet. Immutable snapshot.
 *
 * @param id internal identifier
 * @param number the candidature number shown to people: 10 upper-case letters, unique, random
 * @param organizationId the applying company
 * @param productId the product
 * @param dispositifId the scheme
 * @param guichetId the desk
 * @param nru the product's unique reference number in the scheme, the same for all its candidatures
 * @param referentialVersion the scheme's referential version the candidature started on, pinned
 * @param createdAt when it was created
 * @param createdBy the account that created it
 * @param steps the state of each step
 * @param version optimistic-locking version
 */
public record Candidature(long id, String number, long organizationId, long productId, String dispositifId,
        String guichetId, String nru, String referentialVersion, Instant createdAt, long createdBy,
        Map<Step, StepState> steps, long version) {

    public Candidature {
        Objects.requireNonNull(number, "number");
        steps = Map.copyOf(steps);
    }

    /** The state of {@code step}. */
    public StepState state(Step step) {
        return steps.get(step);
    }
}

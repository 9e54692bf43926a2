package org.guichets.api.candidature;

import java.util.List;
import java.util.Optional;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/** The committee's decision once every chapter is validated. */
@ProviderType
public interface CommitteeService {

    /**
     * Records the decision. A favourable one validates the habilitation step and makes its
     * deliverables due; an unfavourable one refuses it.
     *
     * @throws org.guichets.api.error.InvalidTransitionException {@code decision.tooEarly} before
     *     every chapter is validated, {@code decision.taken} when already decided
     * @throws org.guichets.api.error.AccessDeniedException unless the actor sits on the committee
     */
    Decision decide(Actor actor, String candidatureNumber, DecisionOutcome outcome, String reason,
            List<Reservation> reservations);

    /** The decision, if taken and the actor may see the candidature. */
    Optional<Decision> decision(Actor actor, String candidatureNumber);
}

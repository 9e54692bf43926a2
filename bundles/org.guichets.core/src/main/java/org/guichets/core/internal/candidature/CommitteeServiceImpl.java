package org.guichets.core.internal.candidature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.guichets.api.Deliverable;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.CommitteeService;
import org.guichets.api.candidature.Decision;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.Reservation;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.deliverable.DeliverableRecords;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.DecisionEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The committee's decision. */
@Component(service = CommitteeService.class)
public final class CommitteeServiceImpl implements CommitteeService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final ReferentialStore referentials;
    private final CandidatureEvents events;

    @Activate
    public CommitteeServiceImpl(@Reference Database db, @Reference ReferentialStore referentials,
            @Reference CandidatureEvents events) {
        this.db = db;
        this.referentials = referentials;
        this.events = events;
    }

    @Override
    public Decision decide(Actor actor, String number, DecisionOutcome outcome, String reason, List<Reservation> reservations) {
        List<CandidatureEvent> fired = new ArrayList<>();
        Decision result = db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.COMMITTEE);
            if (em.find(DecisionEntity.class, c.id) != null) {
                throw new InvalidTransitionException("decision.taken");
            }
            if (!StepState.IN_PROGRESS.name().equals(c.habilitationState)) {
                throw new InvalidTransitionException("decision.tooEarly");
            }
            List<Reservation> kept = reservations == null ? List.of() : reservations;
            Checks checks = new Checks();
            checks.required("outcome", outcome);
            String why = checks.required("reason", reason, 10_000);
            if (outcome == DecisionOutcome.FAVOURABLE_WITH_RESERVATIONS) {
                checks.check(!kept.isEmpty() && kept.stream().allMatch(r -> r.text() != null && !r.text().isBlank()
                        && r.owner() != null && !r.owner().isBlank() && r.due() != null && !r.due().isBefore(LocalDate.now())),
                        "reservations", "decision.reservationsRequired");
            } else {
                checks.check(kept.isEmpty(), "reservations", "decision.reservationsNotAllowed");
            }
            checks.done();
            DecisionEntity d = new DecisionEntity();
            d.candidatureId = c.id;
            d.outcome = outcome.name();
            d.reason = why;
            d.reservations = json(kept);
            d.decidedBy = actor.accountId();
            d.decidedAt = Times.now();
            em.persist(d);
            c.habilitationState = outcome.favourable() ? StepState.VALIDATED.name() : StepState.REFUSED.name();
            ReviewQueueImpl.done(em, c);
            em.flush();
            AuditLog.append(em, actor, "decision.taken", "candidature", c.number, "outcome", d.outcome, "reason", d.reason,
                    "reservations", d.reservations);
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.DECISION_TAKEN, actor, Map.of("outcome", d.outcome)));
            if (outcome.favourable()) {
                Guichet guichet = referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
                for (Deliverable deliverable : guichet.deliverables()) {
                    if (deliverable.onFavourableDecision()) {
                        String id = DeliverableRecords.due(em, c, deliverable);
                        fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.DELIVERABLE_DUE, actor, Map.of("deliverable",
                                deliverable.id(), "kind", deliverable.kind(), "validity", deliverable.validity().toString(),
                                "id", id)));
                    }
                }
            }
            return toDecision(c, d);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public Optional<Decision> decision(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            DecisionEntity d = em.find(DecisionEntity.class, c.id);
            return Optional.ofNullable(d == null ? null : toDecision(c, d));
        });
    }

    private static String json(List<Reservation> reservations) {
        ArrayNode array = JSON.createArrayNode();
        for (Reservation r : reservations) {
            array.addObject().put("text", r.text().strip()).put("owner", r.owner().strip()).put("due", r.due().toString());
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Decision toDecision(CandidatureEntity c, DecisionEntity d) {
        List<Reservation> reservations = new ArrayList<>();
        try {
            JSON.readTree(d.reservations).forEach(n -> reservations.add(
                    new Reservation(n.get("text").asText(), n.get("owner").asText(), LocalDate.parse(n.get("due").asText()))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored reservations are not JSON", e);
        }
        return new Decision(c.number, DecisionOutcome.valueOf(d.outcome), d.reason, reservations, d.decidedBy,
                d.decidedAt.toInstant());
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.Decision;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.Reservation;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class CommitteeServiceTest extends JourneyTestBase {

    private Actor committee() {
        return f.staff(PlatformRole.COMMITTEE);
    }

    @Test
    public void R21_onlyTheCommitteeDecidesAndOnlyOnceEveryChapterIsValidated() throws Exception {
        formValidated("ELU");
        Actor committee = committee();
        InvalidTransitionException early = assertThrows(InvalidTransitionException.class,
                () -> f.committee.decide(committee, c.number(), DecisionOutcome.FAVOURABLE, "Dossier complet", List.of()));
        assertEquals("decision.tooEarly", early.code());
        validateAll(this);
        assertThrows(AccessDeniedException.class,
                () -> f.committee.decide(reviewer, c.number(), DecisionOutcome.FAVOURABLE, "x", List.of()));
        assertThrows(AccessDeniedException.class,
                () -> f.committee.decide(m, c.number(), DecisionOutcome.FAVOURABLE, "x", List.of()));

        Decision d = f.committee.decide(committee, c.number(), DecisionOutcome.FAVOURABLE, "Dossier complet et conforme", List.of());
        assertEquals(DecisionOutcome.FAVOURABLE, d.outcome());
        assertEquals(StepState.VALIDATED, f.candidatures.get(m, c.number()).state(Step.HABILITATION));
        assertEquals(d, f.committee.decision(m, c.number()).orElseThrow());
        InvalidTransitionException twice = assertThrows(InvalidTransitionException.class,
                () -> f.committee.decide(committee, c.number(), DecisionOutcome.UNFAVOURABLE, "x", List.of()));
        assertEquals("decision.taken", twice.code());

        boolean habilitationDue = false;
        for (CandidatureEvent e; (e = f.heard.poll(2, TimeUnit.SECONDS)) != null; ) {
            habilitationDue |= e.type() == CandidatureEvent.Type.DELIVERABLE_DUE && "habilitation".equals(e.details().get("deliverable"));
        }
        assertTrue("R-21: the habilitation is due after a favourable decision", habilitationDue);
    }

    @Test
    public void reservationsGoWithAFavourableDecisionWithReservationsOnly() throws Exception {
        formValidated("ELU");
        validateAll(this);
        Actor committee = committee();
        ValidationException none = assertThrows(ValidationException.class, () -> f.committee.decide(committee, c.number(),
                DecisionOutcome.FAVOURABLE_WITH_RESERVATIONS, "Sous réserve", List.of()));
        assertEquals("decision.reservationsRequired", none.errors().get(0).code());
        ValidationException misplaced = assertThrows(ValidationException.class, () -> f.committee.decide(committee, c.number(),
                DecisionOutcome.UNFAVOURABLE, "Non", List.of(new Reservation("x", "y", LocalDate.now().plusDays(1)))));
        assertEquals("decision.reservationsNotAllowed", misplaced.errors().get(0).code());
        ValidationException noReason = assertThrows(ValidationException.class, () -> f.committee.decide(committee, c.number(),
                DecisionOutcome.FAVOURABLE, " ", List.of()));
        assertEquals("reason", noReason.errors().get(0).field());

        Reservation r = new Reservation("Corriger la traçabilité des accès", "Responsable sécurité", LocalDate.now().plusMonths(3));
        Decision d = f.committee.decide(committee, c.number(), DecisionOutcome.FAVOURABLE_WITH_RESERVATIONS, "Sous réserve",
                List.of(r));
        assertEquals(List.of(r), d.reservations());
        assertEquals(List.of(r), f.committee.decision(committee, c.number()).orElseThrow().reservations());
    }

    @Test
    public void anUnfavourableDecisionRefusesTheHabilitation() throws Exception {
        formValidated("ELU");
        validateAll(this);
        f.committee.decide(committee(), c.number(), DecisionOutcome.UNFAVOURABLE, "Le test d'intrusion ne couvre pas la version", List.of());
        assertEquals(StepState.REFUSED, f.candidatures.get(m, c.number()).state(Step.HABILITATION));
    }
}

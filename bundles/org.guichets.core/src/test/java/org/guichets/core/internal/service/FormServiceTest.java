package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.guichets.api.GuichetStatus;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.junit.Before;
import org.junit.Test;

public class FormServiceTest extends ServiceTestBase {

    private Actor m;
    private Actor reviewer;
    private Candidature c;

    @Before
    public void candidature() {
        m = f.company("Acme");
        reviewer = f.staff(PlatformRole.REVIEWER);
        c = f.candidatures.create(m, f.product(m, "Agenda").id(), "edc-psc", "editeur");
    }

    private AdministrativeForm fill(String profiles) {
        AdministrativeForm form = f.forms.get(m, c.number());
        return f.forms.save(m, c.number(), form.version(), Map.of("profiles", profiles, "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
    }

    @Test
    public void R09_theFormOpensPrefilledFromTheCompanyAndTheProduct() {
        AdministrativeForm form = f.forms.get(m, c.number());
        assertEquals(StepState.IN_PROGRESS, form.state());
        assertEquals("Acme", form.values().get("companyName"));
        assertEquals("73282932000074", form.values().get("siret"));
        assertEquals("5710", form.values().get("legalForm"));
        assertEquals("Agenda", form.values().get("softwareName"));
        assertEquals("1.0", form.values().get("softwareVersion"));
        assertEquals(f.identity.account(m, m.accountId()).email(), form.values().get("contactEmail"));
        assertFalse(form.values().containsKey("plannedDeposit"));
    }

    @Test
    public void R12_completionCountsTheRequiredFieldsForTheChosenProfiles() {
        AdministrativeForm form = f.forms.get(m, c.number());
        assertEquals("6 of 8 required fields pre-filled", 75, form.completionPercent());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU"));
        assertEquals("ELU adds NIE and NIL: 7 of 10", 70, form.completionPercent());
        form = f.forms.save(m, c.number(), form.version(), Map.of("nie", "NIE-1", "nil", "NIL-1", "plannedDeposit", "2027-03-31"));
        assertEquals(100, form.completionPercent());
        assertTrue(form.missing().isEmpty());
    }

    @Test
    public void R10_nieAndNilAreRequiredWithElu() {
        AdministrativeForm form = f.forms.get(m, c.number());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU", "plannedDeposit", "2027-03-31"));
        long version = form.version();
        ValidationException e = assertThrows(ValidationException.class, () -> f.forms.submit(m, c.number(), version));
        assertEquals(List.of("nie", "nil"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(StepState.IN_PROGRESS, f.forms.get(m, c.number()).state());
        AdministrativeForm elp = f.forms.save(m, c.number(), version, Map.of("profiles", "ELP"));
        assertEquals(StepState.SUBMITTED, f.forms.submit(m, c.number(), elp.version()).state());
    }

    @Test
    public void badValuesAreRefusedByFieldAndNothingIsSaved() {
        AdministrativeForm before = f.forms.get(m, c.number());
        ValidationException e = assertThrows(ValidationException.class, () -> f.forms.save(m, c.number(), before.version(),
                new java.util.TreeMap<>(Map.of("siret", "123", "plannedDeposit", "31/03/2027", "contactEmail", "nope",
                        "architecture", "desktop", "profiles", "ELU,OpSU", "colour", "blue"))));
        assertEquals(List.of("architecture:option.unknown", "colour:field.unknown", "contactEmail:email.invalid",
                        "plannedDeposit:date.invalid", "profiles:profile.unknown", "siret:siret.invalid"),
                e.errors().stream().map(x -> x.field() + ":" + x.code()).toList());
        assertEquals("« 31/03/2027 » n'est pas une date valide (AAAA-MM-JJ).", e.errors().get(3).message(Locale.FRENCH));
        AdministrativeForm after = f.forms.get(m, c.number());
        assertEquals(before.values(), after.values());
        assertEquals(before.version(), after.version());
    }

    @Test
    public void aStaleVersionIsAConflict() {
        AdministrativeForm form = f.forms.get(m, c.number());
        f.forms.save(m, c.number(), form.version(), Map.of("plannedDeposit", "2027-01-01"));
        ConflictException e = assertThrows(ConflictException.class,
                () -> f.forms.save(m, c.number(), form.version(), Map.of("plannedDeposit", "2027-02-02")));
        assertEquals("2027-01-01", f.forms.get(m, c.number()).values().get("plannedDeposit"));
        assertEquals(form.version() + 1, e.currentVersion());
    }

    @Test
    public void R08_R11_aReviewerReturnsThenValidatesAndTheProfilesFreeze() throws Exception {
        AdministrativeForm form = fill("ELU");
        form = f.forms.submit(m, c.number(), form.version());
        long submitted = form.version();
        InvalidTransitionException twice = assertThrows(InvalidTransitionException.class, () -> f.forms.submit(m, c.number(), submitted));
        assertEquals("form.notEditable", twice.code());
        assertThrows(InvalidTransitionException.class, () -> f.forms.save(m, c.number(), submitted, Map.of("nie", "X")));

        form = f.forms.returnToCandidate(reviewer, c.number(), submitted, Map.of("nie", "Le NIE ne correspond pas."), null);
        assertEquals(StepState.RETURNED, form.state());
        assertEquals("Le NIE ne correspond pas.", f.forms.get(m, c.number()).fieldComments().get("nie"));
        form = f.forms.save(m, c.number(), form.version(), Map.of("nie", "NIE-2"));
        form = f.forms.submit(m, c.number(), form.version());
        assertTrue("comments are cleared by a new submission", form.fieldComments().isEmpty());

        form = f.forms.validate(reviewer, c.number(), form.version());
        assertEquals(StepState.VALIDATED, form.state());
        assertTrue(form.profilesFrozen());
        assertEquals(Set.of("ELU"), form.profiles());
        Candidature after = f.candidatures.get(m, c.number());
        assertEquals(StepState.VALIDATED, after.state(Step.FORM));
        assertEquals("R-08: evidence opens", StepState.IN_PROGRESS, after.state(Step.EVIDENCE));
        assertEquals(StepState.LOCKED, after.state(Step.HABILITATION));
        long validated = form.version();
        InvalidTransitionException frozen = assertThrows(InvalidTransitionException.class,
                () -> f.forms.save(m, c.number(), validated, Map.of("profiles", "ELU,ELP")));
        assertEquals("form.notEditable", frozen.code());

        List<CandidatureEvent.Type> types = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            types.add(f.heard.poll(5, TimeUnit.SECONDS).type());
        }
        assertEquals(List.of(CandidatureEvent.Type.CREATED, CandidatureEvent.Type.FORM_SUBMITTED, CandidatureEvent.Type.FORM_RETURNED,
                CandidatureEvent.Type.FORM_SUBMITTED, CandidatureEvent.Type.FORM_VALIDATED), types);
    }

    @Test
    public void onlyReviewersInstructAndOnlySubmittedForms() {
        AdministrativeForm form = fill("ELP");
        long draft = form.version();
        InvalidTransitionException early = assertThrows(InvalidTransitionException.class,
                () -> f.forms.validate(reviewer, c.number(), draft));
        assertEquals("form.notSubmitted", early.code());
        long submitted = f.forms.submit(m, c.number(), draft).version();
        assertThrows(AccessDeniedException.class, () -> f.forms.validate(m, c.number(), submitted));
        assertThrows(AccessDeniedException.class, () -> f.forms.validate(f.staff(PlatformRole.COMMITTEE), c.number(), submitted));
        assertThrows(AccessDeniedException.class, () -> f.forms.save(reviewer, c.number(), submitted, Map.of("nie", "X")));
        ValidationException empty = assertThrows(ValidationException.class,
                () -> f.forms.returnToCandidate(reviewer, c.number(), submitted, Map.of(), " "));
        assertEquals("return.commentRequired", empty.errors().get(0).code());
        assertEquals(StepState.SUBMITTED, f.forms.get(reviewer, c.number()).state());
    }

    @Test
    public void aCandidatureKeepsTheFormOfItsReferentialWhenTheSchemeChanges() {
        f.deploy("edc-psc", "v2", GuichetStatus.OPEN);
        // v2 of the test scheme is the same document under another version: the pinned copy serves v1
        Candidature newer = f.candidatures.create(m, f.product(m, "Dossier").id(), "edc-psc", "editeur");
        assertEquals("v2", newer.referentialVersion());
        assertEquals("v1", f.candidatures.get(m, c.number()).referentialVersion());
        assertEquals(2, count("referential"));
        f.registry.withdraw(100 + Math.abs("edc-psc".hashCode() % 1000));
        AdministrativeForm stillReadable = f.forms.get(m, c.number());
        assertNull("a stopped plugin leaves the candidature readable", stillReadable.reviewerMessage());
        assertEquals("Acme", stillReadable.values().get("companyName"));
    }
}

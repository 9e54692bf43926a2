package org.guichets.core.internal.service;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.api.deliverable.DeliverableEvent;
import org.guichets.api.deliverable.DeliverableProducer;
import org.guichets.api.deliverable.DeliverableService.Sweep;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.core.internal.candidature.EvidenceServiceImpl;
import org.junit.Test;

/**
 * The deliverable registry: what becomes due is signed by the producer, waits while
 * it cannot be, expires with reminders 90/30/7 days before, and is revoked on the agency's word.
 * The producer here renders a minimal PDF naming the content; the signing bundle's own tests
 * prove the real PDF and its signature.
 */
public class DeliverableServiceTest extends JourneyTestBase {

    /** Renders a minimal PDF and remembers what it was asked to state; fails while {@code failing}. */
    static final class TestProducer implements DeliverableProducer {
        final BlockingQueue<DeliverableContent> rendered = new LinkedBlockingQueue<>();
        volatile boolean failing;

        @Override
        public byte[] produce(DeliverableContent content) {
            if (failing) {
                throw new IllegalStateException("the signing key is unavailable (test)");
            }
            rendered.add(content);
            return ("%PDF-1.7\n% " + content.id() + " " + content.title() + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    private final TestProducer producer = new TestProducer();

    private IssuedDeliverable heard(DeliverableEvent.Type type) throws InterruptedException {
        DeliverableEvent e = f.heardDeliverables.poll(20, TimeUnit.SECONDS);
        assertNotNull("no deliverable event " + type + " was told", e);
        assertEquals(type, e.type());
        return e.deliverable();
    }

    /** An ELU candidature whose Prérequis chapter is validated, and the authorisation signed for it. */
    private IssuedDeliverable authorisationIssued() throws Exception {
        f.deliverables.setProducer(producer);
        formValidated("ELU");
        prerequisValidated();
        return heard(DeliverableEvent.Type.ISSUED);
    }

    private void prerequisValidated() throws Exception {
        EvidenceFile a = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        f.evidence.review(reviewer, c.number(), "prerequis", version("prerequis"), Map.of(a.id(), FileVerdict.conform()));
    }

    @Test
    public void r18TheTestAuthorisationIsSignedWhenPrerequisIsValidatedAndValidThreeMonths() throws Exception {
        f.deliverables.setProducer(producer);
        formValidated("ELU");
        assertTrue(f.deliverables.forCandidature(m, c.number()).isEmpty());
        prerequisValidated();

        IssuedDeliverable d = heard(DeliverableEvent.Type.ISSUED);
        assertEquals("test-access-authorization", d.kind());
        assertEquals(DeliverableStatus.VALID, d.status());
        assertEquals(c.number(), d.candidatureNumber());
        assertEquals(c.nru(), d.nru());
        assertEquals(List.of("ELU"), d.profiles());
        assertEquals("Agenda", d.softwareName());
        assertEquals(d.issuedAt().atZone(ZoneId.of("Europe/Paris")).plus(Period.ofMonths(3)).toInstant(), d.expiresAt());
        assertTrue(d.id(), d.id().matches("TES(-[0-9A-Z]{4}){3}"));

        DeliverableContent content = producer.rendered.poll();
        assertEquals("Autorisation d'accès", content.title());
        assertEquals("https://guichets.example/verify/" + d.id(), content.verificationUrl());
        Map<String, String> lines = lines(content);
        assertEquals("Agenda", lines.get("Logiciel"));
        assertEquals(c.nru(), lines.get("NRU"));
        assertEquals(c.number(), lines.get("Candidature"));

        assertEquals(List.of(d), f.deliverables.forCandidature(m, c.number()));
        assertTrue(new String(f.deliverables.pdf(m, d.id()), StandardCharsets.UTF_8).contains(d.id()));
        AuditEntry issued = f.audit.history(reviewer, "deliverable", d.id()).get(0);
        assertEquals("deliverable.issued", issued.action());
    }

    @Test
    public void r21TheHabilitationStatesWhatTheSchemeDeclaresAndIsValidThreeYears() throws Exception {
        f.deliverables.setProducer(producer);
        formValidated("ELU");
        validateAll(this);
        heard(DeliverableEvent.Type.ISSUED); // the authorisation
        Actor committee = f.staff(PlatformRole.COMMITTEE);
        f.committee.decide(committee, c.number(), DecisionOutcome.FAVOURABLE, "Dossier conforme", List.of());

        IssuedDeliverable h = heard(DeliverableEvent.Type.ISSUED);
        assertEquals("habilitation", h.kind());
        assertEquals(List.of("ELU"), h.profiles());
        assertEquals(h.issuedAt().atZone(ZoneId.of("Europe/Paris")).plusYears(3).toInstant(), h.expiresAt());
        producer.rendered.poll();
        DeliverableContent content = producer.rendered.poll();
        assertEquals("L'agence habilite le logiciel ci-dessous dans l'« Espace de Confiance ».", content.statement());
        Map<String, String> lines = lines(content);
        assertEquals(List.of("Logiciel", "Version", "NIE", "Profil(s)", "Date des tests de conformité", "NRU", "Lieu"),
                new ArrayList<>(lines.keySet()));
        assertEquals("NIE-1", lines.get("NIE"));
        assertTrue(lines.get("Profil(s)"), lines.get("Profil(s)").startsWith("ELU"));
        assertTrue(lines.get("Date des tests de conformité"),
                lines.get("Date des tests de conformité").matches("\\d{1,2} [a-zéû]+ \\d{4}"));
        assertEquals("Paris", lines.get("Lieu"));
        assertEquals(2, f.deliverables.forCandidature(m, c.number()).size());
    }

    @Test
    public void aDeliverableWaitsWhileItCannotBeSignedAndIsSignedByTheNextPass() throws Exception {
        formValidated("ELU");
        prerequisValidated(); // no signing service yet
        IssuedDeliverable pending = awaitPending();
        assertEquals(DeliverableStatus.PENDING, pending.status());
        assertNull(pending.issuedAt());
        assertThrows(NotFoundException.class, () -> f.deliverables.pdf(m, pending.id()));

        producer.failing = true;
        f.deliverables.setProducer(producer);
        Sweep failed = f.deliverables.sweep(Instant.now());
        assertEquals(0, failed.issued());
        assertEquals(1, failed.stillPending());
        assertEquals(DeliverableStatus.PENDING, f.deliverables.get(m, pending.id()).status());

        producer.failing = false;
        f.deliverables.setProducer(producer); // a signing service that (re)appears signs what waited
        assertEquals(pending.id(), heard(DeliverableEvent.Type.ISSUED).id());
        assertEquals(DeliverableStatus.VALID, f.deliverables.get(m, pending.id()).status());
        Sweep after = f.deliverables.sweep(Instant.now());
        assertEquals(0, after.issued() + after.stillPending());
        assertEquals(1, count("deliverable"));
    }

    private IssuedDeliverable awaitPending() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            List<IssuedDeliverable> list = f.deliverables.forCandidature(m, c.number());
            if (!list.isEmpty()) {
                return list.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the authorisation was never recorded as due");
    }

    @Test
    public void remindersAreTold90_30And7DaysBeforeExpiryOnceEachThenItExpires() throws Exception {
        IssuedDeliverable d = authorisationIssued();
        Instant expiry = d.expiresAt();

        assertEquals(0, f.deliverables.sweep(expiry.minus(Duration.ofDays(91))).reminders());
        assertEquals(1, f.deliverables.sweep(expiry.minus(Duration.ofDays(89))).reminders());
        assertEquals(90, reminder().daysLeft());
        assertEquals(0, f.deliverables.sweep(expiry.minus(Duration.ofDays(88))).reminders());
        // a pass that comes late tells only the tightest reminder reached
        assertEquals(1, f.deliverables.sweep(expiry.minus(Duration.ofDays(6))).reminders());
        assertEquals(7, reminder().daysLeft());
        assertEquals(0, f.deliverables.sweep(expiry.minus(Duration.ofDays(1))).reminders());

        Sweep s = f.deliverables.sweep(expiry.plusSeconds(1));
        assertEquals(1, s.expired());
        assertEquals(DeliverableStatus.EXPIRED, heard(DeliverableEvent.Type.EXPIRED).status());
        assertEquals(DeliverableStatus.EXPIRED, f.deliverables.lookup(d.id()).orElseThrow().status());
        assertEquals(0, f.deliverables.sweep(expiry.plusSeconds(60)).expired());
        assertTrue(f.deliverables.pdf(m, d.id()).length > 0); // an expired document stays downloadable
    }

    private DeliverableEvent reminder() throws InterruptedException {
        DeliverableEvent e = f.heardDeliverables.poll(20, TimeUnit.SECONDS);
        assertNotNull(e);
        assertEquals(DeliverableEvent.Type.EXPIRING, e.type());
        return e;
    }

    @Test
    public void onlyTheCommitteeOrAnAdministratorRevokesAndOnlyWithAReason() throws Exception {
        IssuedDeliverable d = authorisationIssued();

        assertThrows(AccessDeniedException.class, () -> f.deliverables.revoke(reviewer, d.id(), "x"));
        assertThrows(AccessDeniedException.class, () -> f.deliverables.revoke(m, d.id(), "x"));
        Actor admin = f.staff(PlatformRole.ADMIN);
        ValidationException noReason = assertThrows(ValidationException.class, () -> f.deliverables.revoke(admin, d.id(), " "));
        assertEquals("reason", noReason.errors().get(0).field());
        assertEquals(DeliverableStatus.VALID, f.deliverables.get(m, d.id()).status());

        IssuedDeliverable revoked = f.deliverables.revoke(admin, d.id(), "Clé compromise");
        assertEquals(DeliverableStatus.REVOKED, revoked.status());
        assertEquals("Clé compromise", revoked.revocationReason());
        assertNotNull(revoked.revokedAt());
        assertEquals(DeliverableStatus.REVOKED, heard(DeliverableEvent.Type.REVOKED).status());
        InvalidTransitionException again = assertThrows(InvalidTransitionException.class,
                () -> f.deliverables.revoke(admin, d.id(), "encore"));
        assertEquals("deliverable.notValid", again.code());
        AuditEntry entry = f.audit.history(admin, "deliverable", d.id()).stream()
                .filter(a -> a.action().equals("deliverable.revoked")).findFirst().orElseThrow();
        assertEquals(admin.accountId(), entry.actorId());
        assertTrue(entry.details(), entry.details().contains("Clé compromise"));
        // a revoked document is neither reminded nor expired
        Sweep late = f.deliverables.sweep(revoked.expiresAt().plusSeconds(1));
        assertEquals(0, late.expired() + late.reminders());
    }

    @Test
    public void anotherCompanySeesNothingButThePublicLookupAnswersByIdentifier() throws Exception {
        IssuedDeliverable d = authorisationIssued();

        Actor other = f.company("Autre");
        assertThrows(NotFoundException.class, () -> f.deliverables.get(other, d.id()));
        assertThrows(NotFoundException.class, () -> f.deliverables.pdf(other, d.id()));
        assertThrows(NotFoundException.class, () -> f.deliverables.forCandidature(other, c.number()));
        assertEquals(d, f.deliverables.lookup(d.id()).orElseThrow());
        assertFalse(f.deliverables.lookup("TES-0000-0000-0000").isPresent());
        assertFalse(f.deliverables.lookup("'; DROP TABLE deliverable; --").isPresent());
        assertFalse(f.deliverables.lookup(null).isPresent());
    }

    @Test
    public void theEvidenceStoreSweepKeepsSignedDeliverables() throws Exception {
        IssuedDeliverable d = authorisationIssued();
        byte[] before = f.deliverables.pdf(m, d.id());
        // a restart sweeps the files no record refers to
        new EvidenceServiceImpl(f.db, new org.guichets.core.internal.candidature.ReferentialStore(f.registry), f.events, f.store, f.checks);
        assertArrayEquals(before, f.deliverables.pdf(m, d.id()));
    }

    @Test
    public void r16EvidenceWithTheBytesOfASignedDeliverableIsDeletedWithoutTakingTheDeliverable() throws Exception {
        IssuedDeliverable d = authorisationIssued();
        byte[] signed = f.deliverables.pdf(m, d.id());
        // the candidate deposits a copy of the authorisation it downloaded, then takes it back
        EvidenceFile copy = upload("intrusion", "TI.01", "signe", "autorisation.pdf", signed);
        f.evidence.deleteFile(m, c.number(), copy.id());
        assertArrayEquals(signed, f.deliverables.pdf(m, d.id()));
    }

    private static Map<String, String> lines(DeliverableContent content) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        content.lines().forEach(l -> map.put(l.label(), l.value()));
        return map;
    }
}

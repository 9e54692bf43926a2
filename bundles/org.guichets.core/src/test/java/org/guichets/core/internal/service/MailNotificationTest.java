package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.notification.MailTransport;
import org.guichets.api.notification.MailTransport.OutgoingMail;
import org.junit.Before;
import org.junit.Test;

/**
 * Which mails the platform queues, to whom, in which language, and how a failing transport is
 * retried without holding up the action. The transport here is the SPI the host implements over
 * SMTP; the distribution's tests send through a real SMTP server.
 */
public class MailNotificationTest extends JourneyTestBase {

    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private Actor responsable;
    private Actor salarie;

    @Before
    public void transport() {
        MailTransport transport = mail -> {
            if (down.get()) {
                throw new java.io.IOException("SMTP server unreachable");
            }
            sent.add(mail);
        };
        f.dispatcher.setTransport(transport);
        responsable = f.member(m, OrganizationRole.RESPONSABLE);
        salarie = f.member(m, OrganizationRole.SALARIE);
        assertEquals("French unless chosen otherwise", "fr", f.identity.language(responsable));
        f.identity.setLanguage(responsable, "en");
        assertEquals("en", f.identity.language(responsable));
        assertEquals("fr", f.identity.language(m));
        assertEquals("language.unknown", org.junit.Assert.assertThrows(org.guichets.api.error.ValidationException.class,
                () -> f.identity.setLanguage(m, "de")).errors().get(0).code());
        // the join requests above were mailed to the managers; each test counts its own mails
        f.dispatcher.sendMails(Instant.now());
        sent.clear();
    }

    /** Turns the logged events into mails, then checks how many of {@code template} are queued. */
    private void drained(String template, long n) {
        f.dispatcher.drainEvents();
        assertEquals(template, n, count("mail_outbox WHERE template = '" + template + "'"));
    }

    /** When the next pending mail is due. */
    private Instant nextDue() {
        return f.db.read(em -> em.createQuery("SELECT MIN(m.nextAttemptAt) FROM MailEntity m WHERE m.status = 'PENDING'",
                java.time.OffsetDateTime.class).getSingleResult()).toInstant();
    }

    private String email(Actor a) {
        return f.identity.account(a, a.accountId()).email();
    }

    private AdministrativeForm submitted() {
        AdministrativeForm form = f.forms.get(m, c.number());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU", "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
        return f.forms.submit(m, c.number(), form.version());
    }

    @Test
    public void aReturnedFormIsMailedToTheCompanysManagersEachInItsLanguage() throws Exception {
        AdministrativeForm form = submitted();
        f.forms.returnToCandidate(reviewer, c.number(), form.version(), Map.of("nie", "Numéro illisible"), "À corriger");
        drained("formReturned", 2);
        f.dispatcher.sendMails(Instant.now());

        assertEquals("the mandataire and the responsable; not the salarié who is not on the product", 2, sent.size());
        OutgoingMail fr = sent.stream().filter(x -> x.to().equals(email(m))).findFirst().orElseThrow();
        OutgoingMail en = sent.stream().filter(x -> x.to().equals(email(responsable))).findFirst().orElseThrow();
        assertEquals("Formulaire à corriger — candidature " + c.number(), fr.subject());
        assertEquals("Form to correct — candidature " + c.number(), en.subject());
        assertTrue(fr.text(), fr.text().contains("https://guichets.example/candidature/" + c.number() + "/formulaire"));
        assertTrue(en.text(), en.text().contains("The administrative form of candidature " + c.number()));
        assertTrue("no placeholder left", !fr.text().contains("{") && !en.text().contains("{"));
        assertEquals("each mail sent once", 0, f.dispatcher.sendMails(Instant.now().plusSeconds(3600)));
        assertTrue(sent.stream().noneMatch(x -> x.to().equals(email(salarie))));
    }

    @Test
    public void R12_aProductsCollaboratorsAreToldAndColleaguesNotOnItAreNot() throws Exception {
        Actor onIt = f.member(m, OrganizationRole.SALARIE);
        f.products.addCollaborator(m, c.productId(), onIt.accountId());
        f.dispatcher.sendMails(Instant.now()); // the join request
        sent.clear();
        AdministrativeForm form = submitted();
        f.forms.returnToCandidate(reviewer, c.number(), form.version(), Map.of("nie", "Illisible"), "À corriger");
        f.dispatcher.drainEvents();
        f.dispatcher.sendMails(Instant.now());
        assertEquals(java.util.Set.of(email(m), email(responsable), email(onIt)),
                sent.stream().map(OutgoingMail::to).collect(java.util.stream.Collectors.toSet()));
        assertTrue("the salarié not on the product is not told", sent.stream().noneMatch(x -> x.to().equals(email(salarie))));
    }

    @Test
    public void messagesAreMailedToTheOtherSide() throws Exception {
        f.conversations.post(reviewer, c.number(), "Merci d'ajouter le rapport signé.");
        drained("messagePosted", 2);
        f.dispatcher.sendMails(Instant.now());
        assertEquals(2, sent.size());
        assertTrue(sent.get(0).text().contains("Merci d'ajouter le rapport signé."));

        sent.clear();
        f.conversations.post(m, c.number(), "Voici le rapport.");
        drained("messagePosted", 2);
        assertEquals("nobody at the agency holds the candidature: the queue shows it, no mail", 0,
                f.dispatcher.sendMails(Instant.now()));

        submitted();
        f.queue.claim(reviewer, c.number());
        f.conversations.post(m, c.number(), "Le formulaire est envoyé.");
        drained("messagePosted", 3);
        f.dispatcher.sendMails(Instant.now());
        assertEquals("the reviewer who holds it is told", List.of(email(reviewer)), sent.stream().map(OutgoingMail::to)
                .toList());
        assertTrue(sent.get(0).text(), sent.get(0).text().contains("https://guichets.example/agence/candidature/"
                + c.number()));
    }

    @Test
    public void aJoinRequestIsMailedToTheCompanysManagers() throws Exception {
        Actor newcomer = f.member(m, OrganizationRole.SALARIE);
        drained("joinRequested", 5); // the two of @Before told 1 then 2 managers; this one 2
        f.dispatcher.sendMails(Instant.now());
        assertTrue(sent.stream().anyMatch(x -> x.to().equals(email(m)) && x.subject().startsWith("Demande de rattachement")
                && x.text().contains(email(newcomer))));
    }

    @Test
    public void deliverablesIssuedExpiringAndRevokedAreMailedInBothLanguages() throws Exception {
        f.deliverables.setProducer(new DeliverableServiceTest.TestProducer());
        formValidated("ELU");
        EvidenceFile capture = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        f.evidence.review(reviewer, c.number(), "prerequis", version("prerequis"), Map.of(capture.id(),
                org.guichets.api.candidature.FileVerdict.conform()));
        org.guichets.api.deliverable.DeliverableEvent issued = f.heardDeliverables.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(org.guichets.api.deliverable.DeliverableEvent.Type.ISSUED, issued.type());
        String id = issued.deliverable().id();
        // R-18's authorisation is valid three months: 20 days before its end, the 30-day reminder
        f.deliverables.sweep(issued.deliverable().expiresAt().minus(java.time.Duration.ofDays(20)));
        f.deliverables.revoke(f.staff(org.guichets.api.identity.PlatformRole.ADMIN), id, "Clé compromise");
        f.dispatcher.drainEvents();
        f.dispatcher.sendMails(Instant.now());

        List<String> french = sent.stream().filter(x -> x.to().equals(email(m))).map(OutgoingMail::subject).toList();
        List<String> english = sent.stream().filter(x -> x.to().equals(email(responsable))).map(OutgoingMail::subject)
                .toList();
        assertEquals(List.of("Document délivré : Autorisation d'accès — Agenda 1.0",
                "Expiration dans 30 jours : Autorisation d'accès — Agenda 1.0",
                "Document révoqué : Autorisation d'accès — Agenda 1.0"), french);
        assertEquals(List.of("Issued: Autorisation d'accès — Agenda 1.0",
                "Expires in 30 days: Autorisation d'accès — Agenda 1.0", "Revoked: Autorisation d'accès — Agenda 1.0"),
                english);
        assertTrue(sent.stream().allMatch(x -> !x.text().contains("{") && x.text().contains("https://guichets.example/")));
        OutgoingMail revoked = sent.stream().filter(x -> x.subject().startsWith("Document révoqué")).findFirst().orElseThrow();
        assertTrue(revoked.text(), revoked.text().contains("Motif : Clé compromise"));
        OutgoingMail first = sent.stream().filter(x -> x.subject().startsWith("Document délivré")).findFirst().orElseThrow();
        assertTrue(first.text(), first.text().contains("https://guichets.example/verify/" + id));
    }

    @Test
    public void bothLanguagesHaveEveryTemplate() throws Exception {
        java.util.Properties fr = new java.util.Properties();
        java.util.Properties en = new java.util.Properties();
        try (var a = getClass().getResourceAsStream("/org/guichets/core/internal/notification/mail_fr.properties");
                var b = getClass().getResourceAsStream("/org/guichets/core/internal/notification/mail_en.properties")) {
            fr.load(new java.io.InputStreamReader(a, java.nio.charset.StandardCharsets.UTF_8));
            en.load(new java.io.InputStreamReader(b, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(fr.stringPropertyNames(), en.stringPropertyNames());
        for (String key : fr.stringPropertyNames()) {
            java.util.Set<String> frNames = new java.util.TreeSet<>();
            java.util.Set<String> enNames = new java.util.TreeSet<>();
            java.util.regex.Matcher a = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}").matcher(fr.getProperty(key));
            while (a.find()) {
                frNames.add(a.group(1));
            }
            java.util.regex.Matcher b = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)}").matcher(en.getProperty(key));
            while (b.find()) {
                enNames.add(b.group(1));
            }
            assertEquals(key + ": the same placeholders in both languages", frNames, enNames);
        }
    }

    @Test
    public void aFailingTransportNeverHoldsUpTheActionAndIsRetriedWithBackoff() throws Exception {
        down.set(true);
        AdministrativeForm form = submitted();
        AdministrativeForm returned = f.forms.returnToCandidate(reviewer, c.number(), form.version(), Map.of(), "À revoir");
        assertEquals("the action went through", org.guichets.api.candidature.StepState.RETURNED, returned.state());
        drained("formReturned", 2);
        assertEquals(2, f.dispatcher.sendMails(Instant.now()));
        assertEquals(0, sent.size());
        assertEquals(2, count("mail_outbox WHERE template = 'formReturned' AND status = 'PENDING' AND attempts = 1"
                + " AND error LIKE '%SMTP server unreachable%'"));
        Instant due = nextDue();
        assertEquals("not retried before its backoff", 0, f.dispatcher.sendMails(due.minusMillis(1)));

        down.set(false);
        assertEquals(2, f.dispatcher.sendMails(due.plusSeconds(1)));
        assertEquals(2, sent.size());
        assertEquals(2, count("mail_outbox WHERE template = 'formReturned' AND status = 'SENT'"));
    }

    @Test
    public void aMailThatNeverGoesThroughIsMarkedFailedAfterTheLastAttempt() throws Exception {
        down.set(true);
        f.conversations.post(reviewer, c.number(), "Bonjour");
        drained("messagePosted", 2);
        f.dispatcher.sendMails(Instant.now());
        f.dispatcher.sendMails(Instant.now().plusSeconds(2));
        f.dispatcher.sendMails(Instant.now().plusSeconds(10));
        assertEquals("three attempts at most (the fixture's setting)", 2,
                count("mail_outbox WHERE template = 'messagePosted' AND status = 'FAILED' AND attempts = 3"));
        assertEquals(0, f.dispatcher.sendMails(Instant.now().plusSeconds(3600)));
    }
}

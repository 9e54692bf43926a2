package org.guichets.signing.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guichets.api.LocalizedText;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.deliverable.Verification;
import org.guichets.api.deliverable.Verification.Outcome;
import org.guichets.api.identity.Actor;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * a habilitation uploaded on another desk is checked by its signature and against the
 * registry, each failure with its own reason. The PDFs are rendered and signed for real; the
 * registry is an in-memory table of records (the core's own tests prove the real one).
 */
public class RegistryVerifierTest {

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static final Instant ISSUED = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static SigningComponent.Producer producer;
    private static List<X509Certificate> anchors;
    private static byte[] habilitation;

    private final Map<String, IssuedDeliverable> records = new HashMap<>();

    @BeforeClass
    public static void signOne() throws Exception {
        SigningKeys keys = SigningKeys.demo(tmp.newFolder("keys").toPath(), "Agence de test");
        anchors = List.of(keys.chain()[keys.chain().length - 1]);
        producer = new SigningComponent.Producer(new PdfRenderer(), new PadesSigner(keys, null), "Agence de test");
        habilitation = producer.produce(content("HAB-7K2M-QX9P-3RTD"));
    }

    private static DeliverableContent content(String id) {
        return new DeliverableContent(id, "habilitation", "Habilitation EDC PSC", "Espace de Confiance PSC",
                "Guichet Editeur", null, List.of(new DeliverableContent.Line("Logiciel", "Agenda Santé")), ISSUED,
                ISSUED.plus(3 * 365, ChronoUnit.DAYS), "https://guichets.example/verify/" + id);
    }

    private IssuedDeliverable record(String id, byte[] pdf, DeliverableStatus status, Instant expiresAt) {
        IssuedDeliverable d = new IssuedDeliverable(id, "habilitation", "habilitation", LocalizedText.french("Habilitation"),
                "edc-psc", "editeur", "KXNFPNCHFV", 1, "Acme Santé", "12345678903", List.of("ELP", "ELU"), "Agenda Santé",
                "2.1", status, ISSUED, expiresAt, status == DeliverableStatus.REVOKED ? "Clé compromise" : null,
                status == DeliverableStatus.REVOKED ? ISSUED : null, RegistryVerifier.sha256(pdf));
        records.put(id, d);
        return d;
    }

    private Verification verify(byte[] pdf, Expectation expected) {
        return new RegistryVerifier(new Records(), anchors, Clock.fixed(ISSUED.plusSeconds(60), ZoneOffset.UTC))
                .verify(pdf, expected);
    }

    private static Expectation editorHabilitation(Set<String> profiles, String software, String version) {
        return new Expectation("habilitation", "edc-psc", profiles, software, version);
    }

    @Test
    public void r13AValidHabilitationOfTheRightProfileAndSoftwarePasses() {
        record("HAB-7K2M-QX9P-3RTD", habilitation, DeliverableStatus.VALID, ISSUED.plus(1000, ChronoUnit.DAYS));
        Verification v = verify(habilitation, editorHabilitation(Set.of("ELU"), " agenda santé ", "2.1"));
        assertEquals(v.detail(), Outcome.VALID, v.outcome());
        assertTrue(v.valid());
        assertEquals("HAB-7K2M-QX9P-3RTD", v.deliverable().id());
        assertTrue(v.signer(), v.signer().contains("Agence de test"));
        assertNotNull(v.signedAt());
        assertFalse(v.timestamped());
        assertEquals("Document authentique et valide : signé par l'agence et enregistré.", v.message(Locale.FRENCH));
    }

    @Test
    public void r13EachRegistryFailureHasItsOwnReason() {
        String id = "HAB-7K2M-QX9P-3RTD";
        assertEquals(Outcome.UNKNOWN_DELIVERABLE, verify(habilitation, Expectation.any()).outcome());

        record(id, habilitation, DeliverableStatus.REVOKED, ISSUED.plus(1000, ChronoUnit.DAYS));
        Verification revoked = verify(habilitation, Expectation.any());
        assertEquals(Outcome.REVOKED, revoked.outcome());
        assertTrue(revoked.detail(), revoked.detail().contains("Clé compromise"));
        assertEquals("Ce document a été révoqué par l'agence.", revoked.message(Locale.FRENCH));

        record(id, habilitation, DeliverableStatus.EXPIRED, ISSUED.plusSeconds(30));
        assertEquals(Outcome.EXPIRED, verify(habilitation, Expectation.any()).outcome());
        // past its expiry before the scheduled pass marked it
        record(id, habilitation, DeliverableStatus.VALID, ISSUED.plusSeconds(30));
        assertEquals(Outcome.EXPIRED, verify(habilitation, Expectation.any()).outcome());

        record(id, habilitation, DeliverableStatus.VALID, ISSUED.plus(1000, ChronoUnit.DAYS));
        assertEquals(Outcome.WRONG_KIND, verify(habilitation,
                new Expectation("test-access-authorization", null, Set.of(), null, null)).outcome());
        assertEquals(Outcome.WRONG_DISPOSITIF, verify(habilitation, new Expectation(null, "autre", Set.of(), null, null)).outcome());
        assertEquals(Outcome.WRONG_PROFILE, verify(habilitation, editorHabilitation(Set.of("ELU", "OpSU"), null, null)).outcome());
        assertEquals(Outcome.WRONG_SOFTWARE, verify(habilitation, editorHabilitation(Set.of(), "Agenda Santé", "3.0")).outcome());
        assertEquals(Outcome.WRONG_SOFTWARE, verify(habilitation, editorHabilitation(Set.of(), "Autre logiciel", null)).outcome());
    }

    @Test
    public void r13ASignedDocumentThatIsNotTheRegisteredOneIsUnknown() throws Exception {
        // genuinely signed by the agency's key, under an identifier the registry gave to another file
        byte[] other = producer.produce(content("HAB-7K2M-QX9P-3RTD"));
        record("HAB-7K2M-QX9P-3RTD", habilitation, DeliverableStatus.VALID, ISSUED.plus(1000, ChronoUnit.DAYS));
        Verification v = verify(other, Expectation.any());
        assertEquals(Outcome.UNKNOWN_DELIVERABLE, v.outcome());
        assertTrue(v.detail(), v.detail().contains("not the document registered"));
    }

    @Test
    public void r13SignatureFailuresComeBeforeTheRegistry() throws Exception {
        record("HAB-7K2M-QX9P-3RTD", habilitation, DeliverableStatus.VALID, ISSUED.plus(1000, ChronoUnit.DAYS));
        byte[] flipped = habilitation.clone();
        flipped[flipped.length / 3] ^= 0x01;
        Verification v = verify(flipped, Expectation.any());
        assertFalse(v.valid());
        assertTrue(v.outcome().name(), Set.of(Outcome.DIGEST_MISMATCH, Outcome.SIGNATURE_INVALID, Outcome.NOT_A_PDF)
                .contains(v.outcome()));
        assertEquals(null, v.deliverable());

        SigningKeys stranger = SigningKeys.demo(tmp.newFolder("stranger").toPath(), "Faussaire");
        byte[] forged = new SigningComponent.Producer(new PdfRenderer(), new PadesSigner(stranger, null), "Agence de test")
                .produce(content("HAB-7K2M-QX9P-3RTD"));
        assertEquals(Outcome.UNTRUSTED_SIGNER, verify(forged, Expectation.any()).outcome());
        assertEquals("Le signataire n'est pas reconnu : il ne dépend d'aucune autorité de confiance configurée.",
                verify(forged, Expectation.any()).message(Locale.FRENCH));
    }

    /** The registry's public lookup over {@link #records}. */
    private final class Records implements DeliverableService {
        @Override
        public Optional<IssuedDeliverable> lookup(String id) {
            return Optional.ofNullable(records.get(id));
        }

        @Override
        public List<IssuedDeliverable> forCandidature(Actor actor, String candidatureNumber) {
            throw new UnsupportedOperationException("the verifier only looks up");
        }

        @Override
        public IssuedDeliverable get(Actor actor, String id) {
            throw new UnsupportedOperationException("the verifier only looks up");
        }

        @Override
        public byte[] pdf(Actor actor, String id) {
            throw new UnsupportedOperationException("the verifier only looks up");
        }

        @Override
        public IssuedDeliverable revoke(Actor actor, String id, String reason) {
            throw new UnsupportedOperationException("the verifier only looks up");
        }

        @Override
        public Sweep sweep(Instant now) {
            throw new UnsupportedOperationException("the verifier only looks up");
        }
    }
}

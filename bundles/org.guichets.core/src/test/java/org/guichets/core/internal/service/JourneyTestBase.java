package org.guichets.core.internal.service;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.ChapterState;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceDeposit;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.candidature.Verdict;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.candidature.EvidenceServiceImpl;
import org.junit.Before;
import org.junit.Test;

/** A company, a reviewer and a candidature on the test scheme, with the steps of a journey as helpers. */
public abstract class JourneyTestBase extends ServiceTestBase {

    static final byte[] PDF = "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] PDF2 = "%PDF-1.7\n2 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] JSON = "{\"auditor\": \"PASSI Conseil\", \"points\": []}".getBytes(StandardCharsets.UTF_8);
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    Actor m;
    Actor reviewer;
    Candidature c;

    @Before
    public void candidature() {
        m = f.company("Acme");
        reviewer = f.staff(PlatformRole.REVIEWER);
        c = f.candidatures.create(m, f.product(m, "Agenda").id(), "edc-psc", "editeur");
    }

    /** Fills, submits and has the form validated with these profiles. */
    void formValidated(String profiles) {
        AdministrativeForm form = f.forms.get(m, c.number());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", profiles, "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
        form = f.forms.submit(m, c.number(), form.version());
        f.forms.validate(reviewer, c.number(), form.version());
    }

    EvidenceFile upload(String chapter, String ref, String evidence, String name, byte[] bytes) throws Exception {
        return f.evidence.upload(m, c.number(), chapter, ref, evidence, name, new ByteArrayInputStream(bytes));
    }

    long version(String chapter) {
        return f.evidence.chapter(m, c.number(), chapter).progress().version();
    }

    /** Deposits, submits and validates every chapter of an ELU candidature. */
    static void validateAll(JourneyTestBase t) throws Exception {
        EvidenceFile a = t.upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        EvidenceFile b = t.upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON);
        EvidenceFile s = t.upload("intrusion", "TI.01", "signe", "rapport-signe.pdf", PDF2);
        for (String chapter : List.of("prerequis", "intrusion")) {
            t.f.evidence.submit(t.m, t.c.number(), chapter, t.version(chapter));
        }
        t.f.evidence.review(t.reviewer, t.c.number(), "prerequis", t.version("prerequis"), Map.of(a.id(), FileVerdict.conform()));
        t.f.evidence.review(t.reviewer, t.c.number(), "intrusion", t.version("intrusion"),
                Map.of(b.id(), FileVerdict.conform(), s.id(), FileVerdict.conform()));
    }
}

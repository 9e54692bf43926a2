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
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.NewEvidenceFile;
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

public class EvidenceServiceTest extends JourneyTestBase {

    @Test
    public void R08_evidenceWaitsForTheValidatedForm() {
        InvalidTransitionException e = assertThrows(InvalidTransitionException.class,
                () -> upload("prerequis", "PMT.01", "doc", "a.pdf", PDF));
        assertEquals("step.locked", e.code());
    }

    @Test
    public void absentContentOrVerdictsGetAClearError() throws Exception {
        formValidated("ELU");
        ValidationException noContent = assertThrows(ValidationException.class,
                () -> f.evidence.upload(m, c.number(), "prerequis", "PMT.01", "doc", "a.pdf", null));
        assertEquals("file.empty", noContent.errors().get(0).code());
        EvidenceFile file = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        ValidationException noVerdicts = assertThrows(ValidationException.class,
                () -> f.evidence.review(reviewer, c.number(), "prerequis", version("prerequis"), null));
        assertEquals("file." + file.id(), noVerdicts.errors().get(0).field());
        assertEquals("verdict.missing", noVerdicts.errors().get(0).code());
    }

    @Test
    public void R03_R15_theChaptersFollowTheFrozenProfiles() {
        formValidated("ELU,ELP");
        EvidenceDeposit d = f.evidence.deposit(m, c.number());
        assertEquals(List.of("prerequis", "outil", "intrusion"), d.chapters().stream().map(ChapterProgress::chapterId).toList());
        assertEquals("the common chapter holds both profiles' requirements", 2, d.chapters().get(0).expected());
        assertEquals(List.of("PMT.01", "PMT.02"), f.evidence.chapter(m, c.number(), "prerequis").requirements().stream()
                .map(r -> r.ref()).toList());
    }

    @Test
    public void R16_R17_severalFilesPerPieceAndTheCounters() throws Exception {
        formValidated("ELU");
        EvidenceDeposit empty = f.evidence.deposit(m, c.number());
        assertEquals(List.of("prerequis", "intrusion"), empty.chapters().stream().map(ChapterProgress::chapterId).toList());
        assertEquals(3, empty.evidenceTotal());
        assertEquals(StepState.IN_PROGRESS, empty.state());

        upload("prerequis", "PMT.01", "doc", "capture-1.pdf", PDF);
        upload("prerequis", "PMT.01", "doc", "capture-2.png", PNG);
        ChapterView prerequis = f.evidence.chapter(m, c.number(), "prerequis");
        assertEquals(2, prerequis.files().size());
        assertEquals("1/1 preuves chargées", 1, prerequis.progress().loaded());
        assertEquals(1, prerequis.progress().expected());
        assertEquals(ChapterState.TO_COMPLETE, prerequis.progress().state());

        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        EvidenceDeposit d = f.evidence.deposit(m, c.number());
        assertEquals("1/2 chapitres soumis", 1, d.chaptersSubmitted());
        assertEquals(2, d.chaptersTotal());
        assertEquals(0, d.chaptersValidated());
        assertEquals("1/3 preuves soumises", 1, d.evidenceSubmitted());
        assertEquals(0, d.evidenceValidated());
    }

    @Test
    public void badFilesAreRefusedAndNothingIsKept() throws Exception {
        formValidated("ELU");
        ValidationException type = assertThrows(ValidationException.class, () -> upload("intrusion", "TI.01", "rapport", "form.png", PNG));
        assertEquals("file.typeNotAccepted", type.errors().get(0).code());
        ValidationException name = assertThrows(ValidationException.class,
                () -> upload("intrusion", "TI.01", "rapport", "../../etc/passwd", JSON));
        assertEquals("file.nameInvalid", name.errors().get(0).code());
        ValidationException unknown = assertThrows(ValidationException.class, () -> upload("intrusion", "TI.01", "nope", "a.json", JSON));
        assertEquals("evidence.unknown", unknown.errors().get(0).code());
        ValidationException otherProfile = assertThrows(ValidationException.class, () -> upload("outil", "OC.01", "session", "a.json", JSON));
        assertEquals("chapter.unknown", otherProfile.errors().get(0).code());
        assertEquals(0, count("evidence_file"));
        try (var addresses = f.store.addresses()) {
            assertEquals(0, addresses.count());
        }
    }

    @Test
    public void R17_aChapterIsSubmittedOnlyWithEveryRequiredPiece() throws Exception {
        formValidated("ELU");
        upload("intrusion", "TI.01", "rapport", "formulaire.json", JSON);
        ValidationException e = assertThrows(ValidationException.class,
                () -> f.evidence.submit(m, c.number(), "intrusion", version("intrusion")));
        assertEquals(List.of("TI.01/signe"), e.errors().stream().map(FieldError::field).toList());
        assertEquals(ChapterState.TO_COMPLETE, f.evidence.chapter(m, c.number(), "intrusion").progress().state());
    }

    @Test
    public void R17_R18_reviewFileByFileReturnThenValidate() throws Exception {
        formValidated("ELU");
        EvidenceFile bad = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        EvidenceFile good = upload("prerequis", "PMT.01", "doc", "capture.png", PNG);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        assertThrows(InvalidTransitionException.class, () -> upload("prerequis", "PMT.01", "doc", "late.pdf", PDF2));
        assertThrows(AccessDeniedException.class, () -> f.evidence.review(m, c.number(), "prerequis", version("prerequis"),
                Map.of(bad.id(), FileVerdict.conform(), good.id(), FileVerdict.conform())));

        ValidationException incomplete = assertThrows(ValidationException.class, () -> f.evidence.review(reviewer, c.number(),
                "prerequis", version("prerequis"), Map.of(bad.id(), new FileVerdict(Verdict.NON_CONFORM, " "))));
        assertEquals(List.of("verdict.commentRequired", "verdict.missing"),
                incomplete.errors().stream().map(FieldError::code).toList());

        ChapterView returned = f.evidence.review(reviewer, c.number(), "prerequis", version("prerequis"),
                Map.of(bad.id(), FileVerdict.nonConform("Capture illisible"), good.id(), FileVerdict.conform()));
        assertEquals(ChapterState.RETURNED, returned.progress().state());
        assertEquals("Capture illisible", f.evidence.chapter(m, c.number(), "prerequis").files().stream()
                .filter(x -> x.id() == bad.id()).findFirst().orElseThrow().comment());

        f.evidence.deleteFile(m, c.number(), bad.id());
        EvidenceFile replacement = upload("prerequis", "PMT.01", "doc", "capture-nette.pdf", PDF2);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        ChapterView validated = f.evidence.review(reviewer, c.number(), "prerequis", version("prerequis"),
                Map.of(replacement.id(), FileVerdict.conform()));
        assertEquals("the file already conformant keeps its verdict", ChapterState.VALIDATED, validated.progress().state());
        assertEquals(1, validated.progress().validated());

        List<CandidatureEvent> heard = new java.util.ArrayList<>();
        for (CandidatureEvent e; (e = f.heard.poll(2, TimeUnit.SECONDS)) != null; ) {
            heard.add(e);
        }
        CandidatureEvent due = heard.stream().filter(e -> e.type() == CandidatureEvent.Type.DELIVERABLE_DUE).findFirst().orElseThrow();
        assertEquals("R-18: the test-access authorisation is due", "autorisation", due.details().get("deliverable"));
        assertEquals("P3M", due.details().get("validity"));
        assertEquals(StepState.IN_PROGRESS, f.candidatures.get(m, c.number()).state(Step.EVIDENCE));
    }

    @Test
    public void R08_everyChapterValidatedOpensTheHabilitationStep() throws Exception {
        formValidated("ELU");
        validateAll(this);
        Candidature after = f.candidatures.get(m, c.number());
        assertEquals(StepState.VALIDATED, after.state(Step.EVIDENCE));
        assertEquals(StepState.IN_PROGRESS, after.state(Step.HABILITATION));
        EvidenceDeposit d = f.evidence.deposit(m, c.number());
        assertEquals(2, d.chaptersValidated());
        assertEquals(3, d.evidenceValidated());
    }

    @Test
    public void filesAreReadBackAndOnlyByWhoMaySeeThem() throws Exception {
        formValidated("ELU");
        EvidenceFile file = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        try (InputStream in = f.evidence.open(reviewer, c.number(), file.id())) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
        Actor foreign = f.company("Autre");
        assertThrows(NotFoundException.class, () -> f.evidence.open(foreign, c.number(), file.id()));
        assertThrows(AccessDeniedException.class, () -> f.evidence.upload(reviewer, c.number(), "prerequis", "PMT.01", "doc",
                "x.pdf", new ByteArrayInputStream(PDF)));
        assertNull(file.verdict());
    }

    @Test
    public void anUploadInterruptedBetweenTheStoreAndTheDatabaseIsSweptAtStart() throws Exception {
        formValidated("ELU");
        upload("prerequis", "PMT.01", "doc", "kept.pdf", PDF);
        f.store.store(new ByteArrayInputStream(PDF2), "orphan.pdf", new org.guichets.api.evidence.UploadPolicy(0, java.util.Set.of()));
        new EvidenceServiceImpl(f.db, null, f.events, f.store, f.checks);
        try (var addresses = f.store.addresses()) {
            assertEquals(1, addresses.count());
        }
        try (InputStream in = f.evidence.open(m, c.number(), f.evidence.chapter(m, c.number(), "prerequis").files().get(0).id())) {
            assertArrayEquals(PDF, in.readAllBytes());
        }
    }

    @Test
    public void R16_severalFilesUploadedAtOnceToOneChapterAllLandThenASubmittedChapterTakesNoMore() throws Exception {
        formValidated("ELU");
        long before = version("prerequis");
        int uploads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(uploads);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<EvidenceFile>> results = new java.util.ArrayList<>();
            for (int i = 0; i < uploads; i++) {
                byte[] bytes = ("%PDF-1.7\n" + i + " 0 obj << >> endobj\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                String name = "capture-" + i + ".pdf";
                results.add(pool.submit(() -> {
                    start.await();
                    return upload("prerequis", "PMT.01", "doc", name, bytes);
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<EvidenceFile> r : results) {
                r.get(60, TimeUnit.SECONDS); // none refused: no conflict between uploads
            }
        } finally {
            pool.shutdownNow();
        }
        ChapterView view = f.evidence.chapter(m, c.number(), "prerequis");
        assertEquals(uploads, view.files().size());
        assertEquals("each upload moved the chapter's version on", before + uploads, view.progress().version());
        f.evidence.submit(m, c.number(), "prerequis", view.progress().version());
        InvalidTransitionException closed = assertThrows(InvalidTransitionException.class,
                () -> upload("prerequis", "PMT.01", "doc", "late.pdf", PDF));
        assertEquals("chapter.notOpen", closed.code());
        assertEquals(uploads, f.evidence.chapter(m, c.number(), "prerequis").files().size());
    }

    @Test
    public void R16_aChaptersFilesDepositedInOneCallAreRecordedTogetherEachAudited() throws Exception {
        formValidated("ELU");
        long before = version("prerequis");
        List<EvidenceFile> files = f.evidence.uploadAll(m, c.number(), "prerequis", List.of(
                new NewEvidenceFile("PMT.01", "doc", "capture-1.pdf", new ByteArrayInputStream(PDF)),
                new NewEvidenceFile("PMT.01", "doc", "capture-2.png", new ByteArrayInputStream(PNG)),
                new NewEvidenceFile("PMT.01", "doc", "capture-3.pdf", new ByteArrayInputStream(PDF2))));
        assertEquals("in the order given", List.of("capture-1.pdf", "capture-2.png", "capture-3.pdf"),
                files.stream().map(EvidenceFile::fileName).toList());
        assertEquals(List.of("application/pdf", "image/png", "application/pdf"), files.stream().map(EvidenceFile::mediaType).toList());
        ChapterView view = f.evidence.chapter(m, c.number(), "prerequis");
        assertEquals(3, view.files().size());
        assertEquals("1/1 preuves chargées", 1, view.progress().loaded());
        assertEquals("one deposit, one move of the chapter's version", before + 1, view.progress().version());
        try (InputStream in = f.evidence.open(m, c.number(), files.get(1).id())) {
            assertArrayEquals(PNG, in.readAllBytes());
        }
        List<String> audited = f.audit.history(m, "candidature", c.number()).stream()
                .filter(e -> e.action().equals("evidence.uploaded")).map(e -> e.details()).toList();
        assertEquals("one audit entry per file", 3, audited.size());
        assertTrue(audited.get(2), audited.get(2).contains("capture-3.pdf") && audited.get(2).contains(files.get(2).sha256()));
        f.evidence.submit(m, c.number(), "prerequis", view.progress().version());
        assertEquals(ChapterState.SUBMITTED, f.evidence.chapter(m, c.number(), "prerequis").progress().state());
    }

    @Test
    public void R16_aDepositWithOneBadFileKeepsNoneAndNamesIt() throws Exception {
        formValidated("ELU");
        // the second file's content is not what its type says: the first was already stored, and goes
        ValidationException mislabelled = assertThrows(ValidationException.class, () -> f.evidence.uploadAll(m, c.number(),
                "intrusion", List.of(new NewEvidenceFile("TI.01", "rapport", "rapport.json", new ByteArrayInputStream(JSON)),
                        new NewEvidenceFile("TI.01", "rapport", "annexe.png", new ByteArrayInputStream(PNG)))));
        assertEquals(List.of("files[1]", "files[1].file"), mislabelled.errors().stream().map(FieldError::field).toList());
        assertEquals(List.of("files.refused", "file.typeNotAccepted"), mislabelled.errors().stream().map(FieldError::code).toList());
        assertTrue(mislabelled.messages(java.util.Locale.FRENCH),
                mislabelled.messages(java.util.Locale.FRENCH).startsWith("Le fichier n° 2 (annexe.png) est refusé ; aucun fichier"));
        assertTrue(mislabelled.messages(java.util.Locale.ENGLISH),
                mislabelled.messages(java.util.Locale.ENGLISH).startsWith("File no. 2 (annexe.png) is refused; no file"));
        assertEquals(0, f.evidence.chapter(m, c.number(), "intrusion").files().size());
        try (var addresses = f.store.addresses()) {
            assertEquals("the first file's bytes are not kept either", 0, addresses.count());
        }

        // an unknown piece of evidence is refused before any byte is read
        ByteArrayInputStream untouched = new ByteArrayInputStream(JSON);
        ValidationException unknown = assertThrows(ValidationException.class, () -> f.evidence.uploadAll(m, c.number(),
                "intrusion", List.of(new NewEvidenceFile("TI.01", "rapport", "rapport.json", untouched),
                        new NewEvidenceFile("TI.01", "nope", "autre.json", new ByteArrayInputStream(JSON)))));
        assertEquals(List.of("files[1]", "files[1].evidenceId"), unknown.errors().stream().map(FieldError::field).toList());
        assertEquals(JSON.length, untouched.available());

        ValidationException none = assertThrows(ValidationException.class,
                () -> f.evidence.uploadAll(m, c.number(), "intrusion", List.of()));
        assertEquals("files.none", none.errors().get(0).code());
        List<NewEvidenceFile> tooMany = java.util.Collections.nCopies(EvidenceService.MAX_FILES_PER_DEPOSIT + 1,
                new NewEvidenceFile("TI.01", "rapport", "rapport.json", new ByteArrayInputStream(JSON)));
        ValidationException many = assertThrows(ValidationException.class,
                () -> f.evidence.uploadAll(m, c.number(), "intrusion", tooMany));
        assertEquals("files.tooMany", many.errors().get(0).code());
        ValidationException noContent = assertThrows(ValidationException.class, () -> f.evidence.uploadAll(m, c.number(),
                "intrusion", List.of(new NewEvidenceFile("TI.01", "rapport", "rapport.json", null))));
        assertEquals(List.of("files[0]", "files[0].file"), noContent.errors().stream().map(FieldError::field).toList());
        assertEquals(0, f.evidence.chapter(m, c.number(), "intrusion").files().size());
    }

    @Test
    public void R16_aRefusedDepositLeavesTheBytesOtherFilesShare() throws Exception {
        formValidated("ELU");
        EvidenceFile kept = upload("prerequis", "PMT.01", "doc", "kept.pdf", PDF);
        // the refused deposit's first file has the same bytes as a recorded one: they stay
        assertThrows(ValidationException.class, () -> f.evidence.uploadAll(m, c.number(), "prerequis", List.of(
                new NewEvidenceFile("PMT.01", "doc", "copie.pdf", new ByteArrayInputStream(PDF)),
                new NewEvidenceFile("PMT.01", "doc", "vide.pdf", new ByteArrayInputStream(new byte[0])))));
        try (InputStream in = f.evidence.open(m, c.number(), kept.id())) {
            assertArrayEquals(PDF, in.readAllBytes());
        }

        // a deposit under way has stored PDF2 and not yet recorded it when another deposit of the
        // same bytes is refused: the refused one must not take the bytes from under it
        InputStream whileOtherIsRefused = whileReading(PNG, () -> assertThrows(ValidationException.class,
                () -> f.evidence.uploadAll(m, c.number(), "prerequis", List.of(
                        new NewEvidenceFile("PMT.01", "doc", "meme.pdf", new ByteArrayInputStream(PDF2)),
                        new NewEvidenceFile("PMT.01", "doc", "vide.pdf", new ByteArrayInputStream(new byte[0]))))));
        List<EvidenceFile> both = f.evidence.uploadAll(m, c.number(), "prerequis", List.of(
                new NewEvidenceFile("PMT.01", "doc", "partage.pdf", new ByteArrayInputStream(PDF2)),
                new NewEvidenceFile("PMT.01", "doc", "capture.png", whileOtherIsRefused)));
        try (InputStream in = f.evidence.open(m, c.number(), both.get(0).id())) {
            assertArrayEquals("the shared bytes are still there", PDF2, in.readAllBytes());
        }
        assertEquals("nothing of the refused deposits recorded", List.of("capture.png", "kept.pdf", "partage.pdf"),
                f.evidence.chapter(m, c.number(), "prerequis").files().stream().map(EvidenceFile::fileName).sorted().toList());
    }

    @Test
    public void R12_aDepositOnAForeignOrClosedChapterIsRefusedAsASingleUploadIs() throws Exception {
        formValidated("ELU");
        Actor stranger = f.company("Autre");
        List<NewEvidenceFile> one = List.of(new NewEvidenceFile("PMT.01", "doc", "a.pdf", new ByteArrayInputStream(PDF)));
        assertThrows(NotFoundException.class, () -> f.evidence.uploadAll(stranger, c.number(), "prerequis", one));
        assertThrows(AccessDeniedException.class, () -> f.evidence.uploadAll(reviewer, c.number(), "prerequis", one));
        upload("prerequis", "PMT.01", "doc", "kept.pdf", PDF);
        f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
        InvalidTransitionException closed = assertThrows(InvalidTransitionException.class, () -> f.evidence.uploadAll(m,
                c.number(), "prerequis", List.of(new NewEvidenceFile("PMT.01", "doc", "b.pdf", new ByteArrayInputStream(PDF2)))));
        assertEquals("chapter.notOpen", closed.code());
        assertEquals(List.of("kept.pdf"), f.evidence.chapter(m, c.number(), "prerequis").files().stream()
                .map(EvidenceFile::fileName).toList());
    }

    @Test
    public void R12_aCollaboratorTakenOffTheProductWhileItsFileComesInIsRefusedAndNothingIsKept() throws Exception {
        formValidated("ELU");
        Actor salarie = f.member(m, org.guichets.api.identity.OrganizationRole.SALARIE);
        f.products.addCollaborator(m, c.productId(), salarie.accountId());
        upload("prerequis", "PMT.01", "doc", "kept.pdf", PDF);
        // the bytes start coming once the upload was checked; the mandataire takes the salarié off meanwhile
        InputStream meanwhile = whileReading(PDF2, () -> f.products.removeCollaborator(m, c.productId(), salarie.accountId()));
        assertThrows(NotFoundException.class,
                () -> f.evidence.upload(salarie, c.number(), "prerequis", "PMT.01", "doc", "late.pdf", meanwhile));
        assertEquals(List.of("kept.pdf"), f.evidence.chapter(m, c.number(), "prerequis").files().stream()
                .map(EvidenceFile::fileName).toList());
        try (var addresses = f.store.addresses()) {
            assertEquals("the refused file's bytes are not kept", 1, addresses.count());
        }
    }

    @Test
    public void R16_aChapterSubmittedWhileAFileComesInTakesItNotAndNothingIsKept() throws Exception {
        formValidated("ELU");
        upload("prerequis", "PMT.01", "doc", "kept.pdf", PDF);
        long submittedAt = version("prerequis");
        InputStream meanwhile = whileReading(PDF2, () -> f.evidence.submit(m, c.number(), "prerequis", submittedAt));
        InvalidTransitionException closed = assertThrows(InvalidTransitionException.class,
                () -> f.evidence.upload(m, c.number(), "prerequis", "PMT.01", "doc", "late.pdf", meanwhile));
        assertEquals("chapter.notOpen", closed.code());
        ChapterView view = f.evidence.chapter(m, c.number(), "prerequis");
        assertEquals(ChapterState.SUBMITTED, view.progress().state());
        assertEquals(List.of("kept.pdf"), view.files().stream().map(EvidenceFile::fileName).toList());
        try (var addresses = f.store.addresses()) {
            assertEquals("the refused file's bytes are not kept", 1, addresses.count());
        }
    }

    @Test
    public void aCandidateDepositingWhileAReviewerReturnsAnotherChapterNeverDeadlock() throws Exception {
        // both write the candidature's queue row and the audit trail's head: every transaction takes
        // the head last, so neither can hold it while waiting for the other's row
        formValidated("ELU");
        EvidenceFile kept = upload("prerequis", "PMT.01", "doc", "capture.pdf", PDF);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 25; round++) {
                f.evidence.submit(m, c.number(), "prerequis", version("prerequis"));
                long submitted = version("prerequis");
                byte[] bytes = ("%PDF-1.7\n" + round + " 0 obj << >> endobj\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
                String name = "rapport-" + round + ".pdf";
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<?> review = pool.submit(() -> {
                    start.await();
                    return f.evidence.review(reviewer, c.number(), "prerequis", submitted,
                            Map.of(kept.id(), FileVerdict.nonConform("Capture illisible")));
                });
                java.util.concurrent.Future<?> deposit = pool.submit(() -> {
                    start.await();
                    return upload("intrusion", "TI.01", "signe", name, bytes);
                });
                review.get(60, TimeUnit.SECONDS);
                deposit.get(60, TimeUnit.SECONDS);
                assertEquals(ChapterState.RETURNED, f.evidence.chapter(m, c.number(), "prerequis").progress().state());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(25, f.evidence.chapter(m, c.number(), "intrusion").files().size());
        org.guichets.api.audit.AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
    }

    /** A stream of {@code bytes} that runs {@code meanwhile} once, before it hands out its first byte. */
    private static InputStream whileReading(byte[] bytes, Runnable meanwhile) {
        return new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            private boolean ran;

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                if (!ran) {
                    ran = true;
                    meanwhile.run();
                }
                return super.read(b, off, len);
            }

            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }
}

package org.guichets.core.internal.candidature;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.guichets.api.Chapter;
import org.guichets.api.Deliverable;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.Guichet;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.ChapterState;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceDeposit;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.NewEvidenceFile;
import org.guichets.api.candidature.StepState;
import org.guichets.api.candidature.Verdict;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.evidence.EvidenceStore;
import org.guichets.api.evidence.StagedFile;
import org.guichets.api.evidence.StoredFile;
import org.guichets.api.evidence.UploadPolicy;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.deliverable.DeliverableRecords;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ChapterEntity;
import org.guichets.core.internal.jpa.EvidenceFileEntity;
import org.guichets.core.internal.jpa.FormEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step 2, the evidence deposit. */
@Component(service = EvidenceService.class)
public final class EvidenceServiceImpl implements EvidenceService {

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceServiceImpl.class);

    private final Database db;
    private final ReferentialStore referentials;
    private final CandidatureEvents events;
    private final EvidenceStore store;
    private final EvidenceChecks checks;
    /**
     * The stored files deposits under way are about to record, by address, with how many: the store
     * keeps one copy of each content, and a failed deposit or a deleted file must not remove bytes
     * another deposit is recording. Guarded by itself, as are the removals of unreferenced files.
     */
    private final Map<String, Integer> recording = new java.util.HashMap<>();
    /** How many unreferenced files were removed (guarded by {@link #recording}). */
    private long removals;

    @Activate
    public EvidenceServiceImpl(@Reference Database db, @Reference ReferentialStore referentials,
            @Reference CandidatureEvents events, @Reference EvidenceStore store, @Reference EvidenceChecks checks) {
        this.db = db;
        this.referentials = referentials;
        this.events = events;
        this.store = store;
        this.checks = checks;
        sweepOrphans();
    }

    /** Removes stored files no record refers to: what an upload interrupted between the store and the database left. */
    private void sweepOrphans() {
        Set<String> referenced = new HashSet<>(db.read(em -> em.createQuery(
                "SELECT DISTINCT f.sha256 FROM EvidenceFileEntity f", String.class).getResultList()));
        // signed deliverables live in the same store
        referenced.addAll(db.read(em -> em.createQuery(
                "SELECT d.sha256 FROM DeliverableEntity d WHERE d.sha256 IS NOT NULL", String.class).getResultList()));
        int removed = 0;
        try (Stream<String> addresses = store.addresses()) {
            for (String a : addresses.toList()) {
                if (referenced.contains(a)) {
                    continue;
                }
                try {
                    store.delete(a);
                    removed++;
                } catch (IllegalArgumentException notAnAddress) {
                    LOG.warn("The evidence store holds a file it did not write, left alone: {}", a);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            LOG.warn("Cannot sweep the evidence store: {}", e.getMessage());
        }
        if (removed > 0) {
            LOG.warn("Removed {} evidence file(s) that no candidature refers to (an upload was interrupted)", removed);
        }
    }

    /** Creates the chapters of a candidature whose form was just validated, from its frozen profiles. */
    static void openChapters(EntityManager em, CandidatureEntity c, Guichet guichet, Set<String> profiles) {
        for (Chapter chapter : guichet.chaptersFor(profiles)) {
            ChapterEntity e = new ChapterEntity();
            e.candidatureId = c.id;
            e.chapterId = chapter.id();
            e.state = ChapterState.TO_COMPLETE.name();
            em.persist(e);
        }
    }

    @Override
    public EvidenceDeposit deposit(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            Context ctx = context(em, c);
            List<ChapterProgress> chapters = new ArrayList<>();
            int submitted = 0;
            int validated = 0;
            int evidenceSubmitted = 0;
            int evidenceTotal = 0;
            int evidenceValidated = 0;
            for (Chapter chapter : ctx.chapters()) {
                ChapterEntity state = chapterRow(em, c, chapter.id());
                ChapterProgress p = progress(ctx.requirements(chapter), chapter.id(), state, files(em, c, chapter.id()));
                chapters.add(p);
                boolean sent = p.state() == ChapterState.SUBMITTED || p.state() == ChapterState.VALIDATED;
                submitted += sent ? 1 : 0;
                validated += p.state() == ChapterState.VALIDATED ? 1 : 0;
                evidenceTotal += p.expected();
                evidenceSubmitted += sent ? p.loaded() : 0;
                evidenceValidated += p.validated();
            }
            return new EvidenceDeposit(c.number, StepState.valueOf(c.evidenceState), chapters, submitted, chapters.size(),
                    validated, evidenceSubmitted, evidenceTotal, evidenceValidated);
        });
    }

    @Override
    public ChapterView chapter(Actor actor, String number, String chapterId) {
        return db.read(em -> view(em, CandidatureServiceImpl.readable(em, actor, number), chapterId));
    }

    @Override
    public EvidenceFile upload(Actor actor, String number, String chapterId, String requirementRef, String evidenceId,
            String fileName, InputStream content) throws IOException {
        return deposit(actor, number, chapterId, List.of(new NewEvidenceFile(requirementRef, evidenceId, fileName, content)),
                false).get(0);
    }

    @Override
    public List<EvidenceFile> uploadAll(Actor actor, String number, String chapterId, List<NewEvidenceFile> files)
            throws IOException {
        if (files == null || files.isEmpty()) {
            throw ValidationException.of("files", "files.none");
        }
        if (files.size() > MAX_FILES_PER_DEPOSIT) {
            throw ValidationException.of("files", "files.tooMany", MAX_FILES_PER_DEPOSIT);
        }
        return deposit(actor, number, chapterId, files, true);
    }

    /**
     * Deposits files in one chapter: the right and the chapter checked before any byte is read, each
     * file streamed to the store and checked, then all recorded in one transaction.
     *
     * @param several whether the caller gave a list: a refused file is then named in the error
     */
    private List<EvidenceFile> deposit(Actor actor, String number, String chapterId, List<NewEvidenceFile> files,
            boolean several) throws IOException {
        for (int i = 0; i < files.size(); i++) {
            int at = i;
            named(several, at, files.get(at), () -> {
                if (files.get(at).content() == null) {
                    throw ValidationException.of("file", "file.empty");
                }
                return null;
            });
        }
        record Target(long candidatureId, long productId, boolean withForm, List<EvidenceSpec> specs, List<CheckedFile> files) {}
        Target target = db.read(em -> {
            CandidatureEntity c = candidateWritable(em, actor, number);
            Context ctx = context(em, c);
            ChapterEntity row = openChapter(em, c, ctx, chapterId, false);
            ProductEntity product = em.find(ProductEntity.class, c.productId);
            FormEntity form = em.find(FormEntity.class, c.id);
            Set<String> profiles = form == null ? Set.of() : FieldRules.profiles(form.profiles);
            List<EvidenceSpec> specs = new ArrayList<>();
            List<CheckedFile> checked = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                NewEvidenceFile n = files.get(i);
                EvidenceSpec spec = named(several, i, n, () -> spec(ctx, row.chapterId, n.requirementRef(), n.evidenceId()));
                specs.add(spec);
                checked.add(new CheckedFile(c.dispositifId, c.guichetId, c.number, profiles, product.name,
                        product.softwareVersion, row.chapterId, n.requirementRef(), n.evidenceId(), spec.kind(), null, null, 0,
                        ctx.values()));
            }
            return new Target(c.id, c.productId, depositedWithForm(ctx, row.chapterId), specs, checked);
        });
        String chapter = target.files().get(0).chapterId();
        List<StoredFile> stored = new ArrayList<>();
        boolean recorded = false;
        try {
            storeAll(several, files, target.specs(), stored);
            List<String> results = new ArrayList<>();
            List<List<CheckResult>> outcomes = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                StoredFile s = stored.get(i);
                EvidenceSpec spec = target.specs().get(i);
                // the scheme's checks read the stored file before it is recorded, so that it is recorded with their results
                List<CheckResult> outcome = !checks.any(target.files().get(i).dispositifId(), spec.kind().name()) ? List.of()
                        : checks.run(withFile(target.files().get(i), s), () -> store.open(s.sha256()));
                outcomes.add(outcome);
                results.add(EvidenceChecks.toJson(outcome));
            }
            List<EvidenceFile> result = db.write(em -> {
                OffsetDateTime now = Times.now();
                List<EvidenceFileEntity> made = new ArrayList<>();
                for (int i = 0; i < files.size(); i++) {
                    NewEvidenceFile n = files.get(i);
                    StoredFile s = stored.get(i);
                    EvidenceFileEntity f = new EvidenceFileEntity();
                    f.candidatureId = target.candidatureId();
                    f.chapterId = chapter;
                    f.requirementRef = n.requirementRef();
                    f.evidenceId = n.evidenceId();
                    f.fileName = s.fileName();
                    f.mediaType = s.mediaType();
                    f.size = s.size();
                    f.sha256 = s.sha256();
                    f.uploadedAt = now;
                    f.uploadedBy = actor.accountId();
                    f.checkResults = results.get(i);
                    made.add(f);
                }
                if (target.withForm()) {
                    // deposited with the form: the form must still be editable, and it moves on with the deposit
                    CandidatureEntity c = candidateWritable(em, actor, number);
                    Context ctx = context(em, c);
                    ChapterEntity row = openChapter(em, c, ctx, chapter, true);
                    made.forEach(em::persist);
                    em.lock(row, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
                    touchFormIfDepositedWithIt(em, c, ctx, chapter);
                    em.flush();
                } else {
                    // what was checked before the bytes came holds if the actor still has the product and the
                    // chapter is still open (an open chapter means an open evidence step): the product read by
                    // its key, the chapter's state checked by the update that moves its version on. Several
                    // deposits at once to one chapter each move its version on, in turn (one row lock, no
                    // conflict); a chapter submitted meanwhile takes no more files.
                    stillWritable(em, actor, target.productId(), number);
                    made.forEach(em::persist);
                    em.flush();
                    // native: EclipseLink sends a JPQL bulk update as a plain statement, parsed afresh each time
                    int bumped = em.createNativeQuery("UPDATE candidature_chapter SET version = version + 1"
                            + " WHERE candidature_id = ?1 AND chapter_id = ?2 AND chapter_state IN (?3, ?4)")
                            .setParameter(1, target.candidatureId()).setParameter(2, chapter)
                            .setParameter(3, ChapterState.TO_COMPLETE.name()).setParameter(4, ChapterState.RETURNED.name())
                            .executeUpdate();
                    if (bumped != 1) {
                        throw new InvalidTransitionException("chapter.notOpen", em.find(ChapterEntity.class,
                                new ChapterEntity.Key(target.candidatureId(), chapter)).state);
                    }
                }
                ReviewQueueImpl.candidateActed(em, target.candidatureId());
                for (int i = 0; i < made.size(); i++) {
                    EvidenceFileEntity f = made.get(i);
                    AuditLog.append(em, actor, "evidence.uploaded", "candidature", number, "chapter", chapterId,
                            "requirement", f.requirementRef, "evidence", f.evidenceId, "file", f.fileName, "sha256", f.sha256,
                            "size", f.size, "mediaType", f.mediaType, "checks",
                            outcomes.get(i).stream().map(r -> r.check() + ":" + r.outcome()).toList());
                }
                return made.stream().map(EvidenceServiceImpl::toFile).toList();
            });
            recorded = true;
            return result;
        } finally {
            for (StoredFile s : stored) {
                release(s.sha256());
                if (!recorded) {
                    forgetIfUnreferenced(s.sha256());
                }
            }
        }
    }

    /**
     * Reads and checks each file in turn, then makes them all durable together (the disk takes
     * several syncs at once about as fast as one); each is added to {@code held} once held (see
     * {@link #hold}), for the caller to release.
     */
    private void storeAll(boolean several, List<NewEvidenceFile> files, List<EvidenceSpec> specs, List<StoredFile> held)
            throws IOException {
        long removalsBefore = removals();
        List<StagedFile> staged = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                NewEvidenceFile n = files.get(i);
                EvidenceSpec spec = specs.get(i);
                staged.add(named(several, i, n, () -> store.stage(n.content(), n.fileName(),
                        new UploadPolicy(spec.maxBytes(), spec.mediaTypes()))));
            }
        } catch (IOException | RuntimeException e) {
            store.discard(staged);
            throw e;
        }
        List<StoredFile> kept = store.keep(staged);
        for (int i = 0; i < kept.size(); i++) {
            try {
                hold(kept.get(i), removalsBefore);
            } catch (IOException vanished) {
                kept.subList(i + 1, kept.size()).forEach(s -> forgetIfUnreferenced(s.sha256()));
                throw vanished;
            }
            held.add(kept.get(i));
        }
    }

    private long removals() {
        synchronized (recording) {
            return removals;
        }
    }

    /**
     * Marks a stored file as being recorded. Its content may have been there already, and removed
     * by a failed deposit since the store found it: when a removal happened meanwhile, the file is
     * looked for, and a deposit whose bytes are gone fails (nothing recorded points to nothing).
     */
    private void hold(StoredFile s, long removalsBefore) throws IOException {
        synchronized (recording) {
            recording.merge(s.sha256(), 1, Integer::sum);
            if (removals != removalsBefore && !store.exists(s.sha256())) {
                release(s.sha256());
                throw new IOException("the evidence file " + s.sha256() + " was removed while it was deposited again");
            }
        }
    }

    private void release(String sha256) {
        synchronized (recording) {
            recording.computeIfPresent(sha256, (k, n) -> n == 1 ? null : n - 1);
        }
    }

    /** A step of one file's deposit; when the file is one of a list ({@code several}), a refusal names it. */
    private static <T, E extends Exception> T named(boolean several, int index, NewEvidenceFile file, FileStep<T, E> step)
            throws E {
        try {
            return step.run();
        } catch (ValidationException e) {
            if (!several) {
                throw e;
            }
            String at = "files[" + index + "]";
            List<FieldError> errors = new ArrayList<>();
            errors.add(FieldError.of(at, "files.refused", index + 1, String.valueOf(file.fileName())));
            e.errors().forEach(f -> errors.add(new FieldError(at + "." + f.field(), f.code(), f.params())));
            throw new ValidationException(errors);
        }
    }

    /** A step of one file's deposit. */
    @FunctionalInterface
    private interface FileStep<T, E extends Exception> {
        T run() throws E;
    }

    /**
     * The actor may still change the candidature's product: a right taken away while the bytes
     * came in stops the upload. The product and its collaborators are read by their keys.
     */
    private static void stillWritable(EntityManager em, Actor actor, long productId, String number) {
        ProductEntity product = em.find(ProductEntity.class, productId);
        if (product == null || !AccessPolicy.canWriteProduct(actor, product)) {
            throw new NotFoundException("candidature", number);
        }
    }

    @Override
    public void deleteFile(Actor actor, String number, long fileId) throws IOException {
        String sha = db.write(em -> {
            CandidatureEntity c = candidateWritable(em, actor, number);
            EvidenceFileEntity f = em.find(EvidenceFileEntity.class, fileId);
            if (f == null || f.candidatureId != c.id) {
                throw new NotFoundException("file", fileId);
            }
            Context ctx = context(em, c);
            ChapterEntity row = openChapter(em, c, ctx, f.chapterId, true);
            em.remove(f);
            em.lock(row, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            touchFormIfDepositedWithIt(em, c, ctx, f.chapterId);
            ReviewQueueImpl.candidateActed(em, c.id);
            AuditLog.append(em, actor, "evidence.deleted", "candidature", c.number, "chapter", f.chapterId,
                    "file", f.fileName, "sha256", f.sha256);
            return f.sha256;
        });
        forgetIfUnreferenced(sha);
    }

    private void forgetIfUnreferenced(String sha256) {
        synchronized (recording) {
            if (recording.containsKey(sha256)) {
                return; // a deposit under way is recording the same bytes
            }
            try {
                // the same bytes may be another candidature's evidence, or a signed deliverable (same store)
                long uses = db.read(em -> em.createQuery("SELECT COUNT(f) FROM EvidenceFileEntity f WHERE f.sha256 = :h",
                        Long.class).setParameter("h", sha256).getSingleResult()
                        + em.createQuery("SELECT COUNT(d) FROM DeliverableEntity d WHERE d.sha256 = :h", Long.class)
                        .setParameter("h", sha256).getSingleResult());
                if (uses == 0) {
                    removals++;
                    store.delete(sha256);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not remove evidence file {} (the next start sweeps it): {}", sha256, e.getMessage());
            }
        }
    }

    @Override
    public ChapterView submit(Actor actor, String number, String chapterId, long expectedVersion) {
        List<CandidatureEvent> fired = new ArrayList<>();
        ChapterView result = db.write(em -> {
            CandidatureEntity c = candidateWritable(em, actor, number);
            Context ctx = context(em, c);
            Chapter chapter = ctx.chapter(chapterId);
            if (chapter.withForm()) {
                throw new InvalidTransitionException("chapter.withForm", chapter.title().toString());
            }
            ChapterEntity row = openChapter(em, c, ctx, chapterId, false);
            checkVersion(row, expectedVersion);
            List<EvidenceFileEntity> files = files(em, c, chapterId);
            Checks checks = new Checks();
            for (Requirement r : ctx.requirements(chapter)) {
                for (EvidenceSpec e : r.evidence()) {
                    boolean present = files.stream().anyMatch(f -> f.requirementRef.equals(r.ref()) && f.evidenceId.equals(e.id()));
                    checks.check(e.optional() || present, r.ref() + "/" + e.id(), "evidence.missing", e.label().toString());
                }
            }
            checks.done();
            row.state = ChapterState.SUBMITTED.name();
            row.submittedAt = Times.now();
            ReviewQueueImpl.waiting(em, c, org.guichets.api.candidature.Step.EVIDENCE);
            em.flush();
            ReviewQueueImpl.candidateActed(em, c.id);
            AuditLog.append(em, actor, "chapter.submitted", "candidature", c.number, "chapter", chapterId,
                    "files", files.size());
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.CHAPTER_SUBMITTED, actor, Map.of("chapter", chapterId)));
            return view(em, c, chapterId);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public ChapterView review(Actor actor, String number, String chapterId, long expectedVersion, Map<Long, FileVerdict> verdicts) {
        List<CandidatureEvent> fired = new ArrayList<>();
        ChapterView result = db.write(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.REVIEWER);
            ChapterEntity row = chapterRow(em, c, chapterId);
            if (!ChapterState.SUBMITTED.name().equals(row.state)) {
                throw new InvalidTransitionException("chapter.notSubmitted");
            }
            checkVersion(row, expectedVersion);
            List<EvidenceFileEntity> files = files(em, c, chapterId);
            Map<Long, FileVerdict> given = verdicts == null ? Map.of() : verdicts;
            Set<Long> ids = new HashSet<>();
            files.forEach(f -> ids.add(f.id));
            Checks checks = new Checks();
            given.keySet().stream().filter(id -> !ids.contains(id))
                    .forEach(id -> checks.add(FieldError.of("file." + id, "verdict.unknownFile", id)));
            for (EvidenceFileEntity f : files) {
                FileVerdict v = given.get(f.id);
                if (v == null) {
                    checks.check(f.verdict != null, "file." + f.id, "verdict.missing", f.fileName);
                } else {
                    checks.check(v.verdict() != null, "file." + f.id, "verdict.missing", f.fileName);
                    checks.check(v.verdict() != Verdict.NON_CONFORM || (v.comment() != null && !v.comment().isBlank()),
                            "file." + f.id, "verdict.commentRequired", f.fileName);
                }
            }
            checks.done();
            boolean allConform = true;
            for (EvidenceFileEntity f : files) {
                FileVerdict v = given.get(f.id);
                if (v != null) {
                    f.verdict = v.verdict().name();
                    f.verdictComment = v.comment() == null || v.comment().isBlank() ? null : v.comment().strip();
                    f.reviewedBy = actor.accountId();
                    f.reviewedAt = Times.now();
                }
                allConform &= Verdict.CONFORM.name().equals(f.verdict);
            }
            Context ctx = context(em, c);
            if (allConform) {
                row.state = ChapterState.VALIDATED.name();
                row.validatedAt = Times.now();
                fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.CHAPTER_VALIDATED, actor, Map.of("chapter", chapterId)));
                for (Deliverable d : ctx.guichet().deliverables()) {
                    if (chapterId.equals(d.chapterValidated())) {
                        String id = DeliverableRecords.due(em, c, d);
                        fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.DELIVERABLE_DUE, actor,
                                Map.of("deliverable", d.id(), "kind", d.kind(), "validity", d.validity().toString(), "id", id)));
                    }
                }
            } else {
                row.state = ChapterState.RETURNED.name();
                fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.CHAPTER_RETURNED, actor, Map.of("chapter", chapterId)));
            }
            em.flush();
            AuditLog.append(em, actor, allConform ? "chapter.validated" : "chapter.returned", "candidature", c.number,
                    "chapter", chapterId, "verdicts", verdictSummary(files));
            em.flush();
            OffsetDateTime stillWaiting = em.createQuery("SELECT MIN(ch.submittedAt) FROM ChapterEntity ch WHERE ch.candidatureId = :c"
                    + " AND ch.state = :s", OffsetDateTime.class).setParameter("c", c.id)
                    .setParameter("s", ChapterState.SUBMITTED.name()).getSingleResult();
            if (allConform && everyChapterValidated(em, c, ctx)) {
                c.evidenceState = StepState.VALIDATED.name();
                c.habilitationState = StepState.IN_PROGRESS.name();
                ReviewQueueImpl.waiting(em, c, org.guichets.api.candidature.Step.HABILITATION, Times.now());
                em.flush();
                AuditLog.append(em, actor, "evidence.validated", "candidature", c.number, "habilitationStep", c.habilitationState);
            } else if (stillWaiting != null) {
                ReviewQueueImpl.waiting(em, c, org.guichets.api.candidature.Step.EVIDENCE, stillWaiting);
            } else {
                ReviewQueueImpl.withCandidate(em, c, org.guichets.api.candidature.Step.EVIDENCE);
            }
            return view(em, c, chapterId);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public EvidenceFile file(Actor actor, String number, long fileId) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            EvidenceFileEntity f = em.find(EvidenceFileEntity.class, fileId);
            if (f == null || f.candidatureId != c.id) {
                throw new NotFoundException("file", fileId);
            }
            return toFile(f);
        });
    }

    @Override
    public InputStream open(Actor actor, String number, long fileId) throws IOException {
        String sha = db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            EvidenceFileEntity f = em.find(EvidenceFileEntity.class, fileId);
            if (f == null || f.candidatureId != c.id) {
                throw new NotFoundException("file", fileId);
            }
            return f.sha256;
        });
        return store.open(sha);
    }

    private static String verdictSummary(List<EvidenceFileEntity> files) {
        StringBuilder sb = new StringBuilder();
        for (EvidenceFileEntity f : files) {
            sb.append(sb.length() == 0 ? "" : ",").append(f.id).append('=').append(f.verdict);
        }
        return sb.toString();
    }

    private boolean everyChapterValidated(EntityManager em, CandidatureEntity c, Context ctx) {
        for (Chapter chapter : ctx.chapters()) {
            if (!ChapterState.VALIDATED.name().equals(chapterRow(em, c, chapter.id()).state)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A candidature's referential, profiles, form values, the chapters of its evidence step and
     * those deposited with its form.
     */
    record Context(Guichet guichet, Set<String> profiles, Map<String, String> values, List<Chapter> chapters,
            List<Chapter> formChapters) {
        Chapter chapter(String id) {
            return Stream.concat(chapters.stream(), formChapters.stream()).filter(ch -> ch.id().equals(id)).findFirst()
                    .orElseThrow(() -> ValidationException.of("chapterId", "chapter.unknown", id));
        }

        /** The requirements of {@code chapter} that concern this candidature. */
        List<Requirement> requirements(Chapter chapter) {
            return chapter.requirementsFor(profiles, values);
        }
    }

    Context context(EntityManager em, CandidatureEntity c) {
        Guichet guichet = referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
        FormEntity form = em.find(FormEntity.class, c.id);
        Set<String> profiles = FieldRules.profiles(form.profiles);
        return new Context(guichet, profiles, FormServiceImpl.values(form), guichet.chaptersFor(profiles),
                guichet.formChaptersFor(profiles));
    }

    private static EvidenceSpec spec(Context ctx, String chapterId, String requirementRef, String evidenceId) {
        Chapter chapter = ctx.chapter(chapterId);
        return ctx.requirements(chapter).stream().filter(r -> r.ref().equals(requirementRef))
                .flatMap(r -> r.evidence().stream()).filter(e -> e.id().equals(evidenceId)).findFirst()
                .orElseThrow(() -> ValidationException.of("evidenceId", "evidence.unknown"));
    }

    private static CandidatureEntity candidateWritable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
        ProductServiceImpl.writable(em, actor, c.productId);
        return c;
    }

    /**
     * The chapter row, if the chapter takes deposits: a chapter of the evidence step while that step
     * is open and the chapter is to complete or returned; a chapter deposited with the form while
     * the form is editable (its row is created with the first deposit when {@code create}).
     */
    private static ChapterEntity openChapter(EntityManager em, CandidatureEntity c, Context ctx, String chapterId,
            boolean create) {
        if (ctx.formChapters().stream().anyMatch(ch -> ch.id().equals(chapterId))) {
            StepState form = StepState.valueOf(c.formState);
            if (form != StepState.IN_PROGRESS && form != StepState.RETURNED) {
                throw new InvalidTransitionException("form.notEditable", form.name());
            }
            ChapterEntity row = em.find(ChapterEntity.class, new ChapterEntity.Key(c.id, chapterId));
            if (row == null) {
                row = formChapterRow(c, chapterId);
                if (create) {
                    em.persist(row);
                }
            }
            return row;
        }
        Optional<Chapter> withForm = ctx.guichet().chapter(chapterId).filter(Chapter::withForm);
        if (withForm.isPresent()) {
            // deposited with the form, but not for the profiles chosen (so far)
            throw ValidationException.of("chapterId", "chapter.unknown", withForm.get().title().toString());
        }
        if (!StepState.IN_PROGRESS.name().equals(c.evidenceState)) {
            throw new InvalidTransitionException("step.locked");
        }
        ChapterEntity row = chapterRow(em, c, chapterId);
        ChapterState state = ChapterState.valueOf(row.state);
        if (state != ChapterState.TO_COMPLETE && state != ChapterState.RETURNED) {
            throw new InvalidTransitionException("chapter.notOpen", state.name());
        }
        return row;
    }

    /** Whether the chapter is deposited with the form (for the profiles chosen) rather than in the evidence step. */
    private static boolean depositedWithForm(Context ctx, String chapterId) {
        return ctx.formChapters().stream().anyMatch(ch -> ch.id().equals(chapterId));
    }

    /**
     * A file added to or removed from a chapter deposited with the form changes the form: its version
     * moves, so that a submission made on what the candidate saw before conflicts instead of passing.
     */
    private static void touchFormIfDepositedWithIt(EntityManager em, CandidatureEntity c, Context ctx, String chapterId) {
        if (depositedWithForm(ctx, chapterId)) {
            em.lock(em.find(FormEntity.class, c.id), LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        }
    }

    /** The row of a chapter deposited with the form, before its first deposit. */
    static ChapterEntity formChapterRow(CandidatureEntity c, String chapterId) {
        ChapterEntity row = new ChapterEntity();
        row.candidatureId = c.id;
        row.chapterId = chapterId;
        row.state = ChapterState.TO_COMPLETE.name();
        return row;
    }

    private static ChapterEntity chapterRow(EntityManager em, CandidatureEntity c, String chapterId) {
        ChapterEntity row = em.find(ChapterEntity.class, new ChapterEntity.Key(c.id, chapterId));
        if (row == null) {
            if (StepState.LOCKED.name().equals(c.evidenceState)) {
                throw new InvalidTransitionException("step.locked");
            }
            throw ValidationException.of("chapterId", "chapter.unknown", chapterId);
        }
        return row;
    }

    private static void checkVersion(ChapterEntity row, long expected) {
        if (row.version != expected) {
            throw new ConflictException("chapter", row.chapterId, expected, row.version);
        }
    }

    static List<EvidenceFileEntity> files(EntityManager em, CandidatureEntity c, String chapterId) {
        return em.createQuery("SELECT f FROM EvidenceFileEntity f WHERE f.candidatureId = :c AND f.chapterId = :ch"
                        + " ORDER BY f.requirementRef, f.evidenceId, f.uploadedAt, f.id", EvidenceFileEntity.class)
                .setParameter("c", c.id).setParameter("ch", chapterId).getResultList();
    }

    private ChapterView view(EntityManager em, CandidatureEntity c, String chapterId) {
        Context ctx = context(em, c);
        Chapter chapter = ctx.chapter(chapterId);
        ChapterEntity row = chapter.withForm()
                ? java.util.Optional.ofNullable(em.find(ChapterEntity.class, new ChapterEntity.Key(c.id, chapterId)))
                        .orElseGet(() -> formChapterRow(c, chapterId))
                : chapterRow(em, c, chapterId);
        List<EvidenceFileEntity> files = files(em, c, chapterId);
        return new ChapterView(progress(ctx.requirements(chapter), chapterId, row, files), chapter, ctx.requirements(chapter),
                files.stream().map(EvidenceServiceImpl::toFile).toList());
    }

    /** n/m pieces loaded, and those whose files are all conformant. */
    static ChapterProgress progress(List<Requirement> requirements, String chapterId, ChapterEntity row,
            List<EvidenceFileEntity> files) {
        int expected = 0;
        int loaded = 0;
        int validated = 0;
        for (Requirement r : requirements) {
            for (EvidenceSpec e : r.evidence()) {
                expected++;
                List<EvidenceFileEntity> mine = files.stream()
                        .filter(f -> f.requirementRef.equals(r.ref()) && f.evidenceId.equals(e.id())).toList();
                if (!mine.isEmpty()) {
                    loaded++;
                    if (mine.stream().allMatch(f -> Verdict.CONFORM.name().equals(f.verdict))) {
                        validated++;
                    }
                }
            }
        }
        return new ChapterProgress(chapterId, ChapterState.valueOf(row.state), loaded, expected, validated, row.version);
    }

    static EvidenceFile toFile(EvidenceFileEntity f) {
        return new EvidenceFile(f.id, f.chapterId, f.requirementRef, f.evidenceId, f.fileName, f.mediaType, f.size, f.sha256,
                f.uploadedAt.toInstant(), f.uploadedBy, f.verdict == null ? null : Verdict.valueOf(f.verdict), f.verdictComment,
                EvidenceChecks.fromJson(f.checkResults));
    }

    private static CheckedFile withFile(CheckedFile f, StoredFile stored) {
        return new CheckedFile(f.dispositifId(), f.guichetId(), f.candidatureNumber(), f.profiles(), f.softwareName(),
                f.softwareVersion(), f.chapterId(), f.requirementRef(), f.evidenceId(), f.kind(), stored.fileName(),
                stored.mediaType(), stored.size(), f.formValues());
    }
}

package org.guichets.core.internal.candidature;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.guichets.api.EvidenceKind;
import org.guichets.api.FieldType;
import org.guichets.api.check.CheckResult;
import org.guichets.api.check.CheckedFile;
import org.guichets.api.evidence.EvidenceStore;
import org.guichets.api.FormField;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ChapterEntity;
import org.guichets.core.internal.jpa.EvidenceFileEntity;
import org.guichets.core.internal.jpa.FormEntity;
import org.guichets.core.internal.jpa.OrganizationEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Step 1, the administrative form. */
@Component(service = FormService.class)
public final class FormServiceImpl implements FormService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> MAP = new TypeReference<>() {};

    private final Database db;
    private final ReferentialStore referentials;
    private final CandidatureEvents events;
    private final EvidenceChecks checks;
    private final EvidenceStore store;

    @Activate
    public FormServiceImpl(@Reference Database db, @Reference ReferentialStore referentials,
            @Reference CandidatureEvents events, @Reference EvidenceChecks checks, @Reference EvidenceStore store) {
        this.db = db;
        this.referentials = referentials;
        this.events = events;
        this.checks = checks;
        this.store = store;
    }

    /** Creates the form of a new candidature, pre-filled from the records. */
    static FormEntity open(EntityManager em, CandidatureEntity c, Guichet guichet, Actor actor) {
        OrganizationEntity org = em.find(OrganizationEntity.class, c.organizationId);
        ProductEntity product = em.find(ProductEntity.class, c.productId);
        AccountEntity account = actor.isSystem() ? null : em.find(AccountEntity.class, actor.accountId());
        Map<String, String> values = new TreeMap<>();
        for (FormField f : guichet.fields()) {
            if (f.prefill() == null) {
                continue;
            }
            String v = switch (f.prefill()) {
                case "organization.legalName" -> org.legalName;
                case "organization.siret" -> org.siret;
                case "organization.legalForm" -> org.legalForm;
                case "organization.headOffice" -> org.street + ", " + org.postalCode + " " + org.city
                        + ("FR".equals(org.country) ? "" : ", " + org.country);
                case "organization.legalRepresentative" -> org.legalRepresentative;
                case "product.name" -> product.name;
                case "product.softwareVersion" -> product.softwareVersion;
                case "product.nil" -> product.nil;
                case "account.displayName" -> account == null ? null : account.displayName;
                case "account.email" -> account == null ? null : account.email;
                default -> null;
            };
            if (v != null && !v.isBlank()) {
                values.put(f.id(), v);
            }
        }
        FormEntity form = new FormEntity();
        form.candidatureId = c.id;
        form.values = json(values);
        form.profiles = "";
        form.fieldComments = "{}";
        em.persist(form);
        // the chapters deposited with the form exist from the start, whatever the profiles: two first
        // uploads at once then update one row instead of both inserting it
        for (org.guichets.api.Chapter chapter : guichet.chapters()) {
            if (chapter.withForm()) {
                em.persist(EvidenceServiceImpl.formChapterRow(c, chapter.id()));
            }
        }
        return form;
    }

    @Override
    public AdministrativeForm get(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            return view(em, c, formOf(em, c), guichet(em, c));
        });
    }

    @Override
    public AdministrativeForm save(Actor actor, String number, long expectedVersion, Map<String, String> changes) {
        return db.write(em -> {
            CandidatureEntity c = candidateWritable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            requireEditable(c);
            Guichet guichet = guichet(em, c);
            Map<String, FormField> fields = new LinkedHashMap<>();
            guichet.fields().forEach(f -> fields.put(f.id(), f));
            Map<String, String> values = values(form);
            Checks checks = new Checks();
            for (Map.Entry<String, String> e : (changes == null ? Map.<String, String>of() : changes).entrySet()) {
                FormField field = fields.get(e.getKey());
                if (field == null) {
                    checks.add(FieldError.of(e.getKey(), "field.unknown", e.getKey()));
                    continue;
                }
                String v = FieldRules.normalize(field, e.getValue());
                if (v == null) {
                    values.remove(field.id());
                    continue;
                }
                FieldError error = FieldRules.check(field, v, guichet);
                if (error != null) {
                    checks.add(error);
                } else {
                    values.put(field.id(), v);
                }
            }
            checks.done();
            form.values = json(values);
            form.profiles = profilesOf(guichet, values);
            em.flush();
            ReviewQueueImpl.candidateActed(em, c.id);
            AuditLog.append(em, actor, "form.saved", "candidature", c.number, "fields", changes == null ? "" : String.join(",", new TreeMap<>(changes).keySet()));
            return view(em, c, form, guichet);
        });
    }

    @Override
    public AdministrativeForm submit(Actor actor, String number, long expectedVersion) {
        List<CandidatureEvent> fired = new ArrayList<>();
        AdministrativeForm result = db.write(em -> {
            CandidatureEntity c = candidateWritable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            requireEditable(c);
            Guichet guichet = guichet(em, c);
            List<FieldError> missing = new ArrayList<>(blocking(guichet, values(form)));
            missing.addAll(attachments(em, c, guichet, values(form), false));
            if (!missing.isEmpty()) {
                throw new ValidationException(missing);
            }
            c.formState = StepState.SUBMITTED.name();
            ReviewQueueImpl.waiting(em, c, org.guichets.api.candidature.Step.FORM);
            form.submittedAt = Times.now();
            form.fieldComments = "{}";
            form.reviewerMessage = null;
            em.lock(form, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            ReviewQueueImpl.candidateActed(em, c.id);
            AuditLog.append(em, actor, "form.submitted", "candidature", c.number, "profiles", form.profiles);
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.FORM_SUBMITTED, actor, Map.of()));
            return view(em, c, form, guichet);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public AdministrativeForm returnToCandidate(Actor actor, String number, long expectedVersion,
            Map<String, String> fieldComments, String message) {
        List<CandidatureEvent> fired = new ArrayList<>();
        AdministrativeForm result = db.write(em -> {
            CandidatureEntity c = reviewable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            Guichet guichet = guichet(em, c);
            Map<String, String> comments = new TreeMap<>();
            Checks checks = new Checks();
            if (fieldComments != null) {
                Set<String> known = new java.util.HashSet<>(guichet.fields().stream().map(FormField::id).toList());
                fieldComments.forEach((k, v) -> {
                    if (!known.contains(k)) {
                        checks.add(FieldError.of(k, "field.unknown", k));
                    } else if (v != null && !v.isBlank()) {
                        comments.put(k, v.strip());
                    }
                });
            }
            String general = checks.optional("message", message, 10_000);
            checks.check(!comments.isEmpty() || general != null, "message", "return.commentRequired");
            checks.done();
            c.formState = StepState.RETURNED.name();
            ReviewQueueImpl.withCandidate(em, c, org.guichets.api.candidature.Step.FORM);
            form.fieldComments = json(comments);
            form.reviewerMessage = general;
            em.lock(form, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            AuditLog.append(em, actor, "form.returned", "candidature", c.number, "fields", String.join(",", comments.keySet()),
                    "message", general);
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.FORM_RETURNED, actor, Map.of()));
            return view(em, c, form, guichet);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public AdministrativeForm validate(Actor actor, String number, long expectedVersion) {
        recheckAttachments(actor, number, expectedVersion);
        List<CandidatureEvent> fired = new ArrayList<>();
        AdministrativeForm result = db.write(em -> {
            CandidatureEntity c = reviewable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            Guichet guichet = guichet(em, c);
            List<FieldError> unverified = attachments(em, c, guichet, values(form), true);
            if (!unverified.isEmpty()) {
                throw new ValidationException(unverified);
            }
            acceptAttachments(em, c, guichet, values(form), actor);
            c.formState = StepState.VALIDATED.name();
            c.evidenceState = StepState.IN_PROGRESS.name();
            ReviewQueueImpl.withCandidate(em, c, org.guichets.api.candidature.Step.EVIDENCE);
            form.validatedAt = Times.now();
            EvidenceServiceImpl.openChapters(em, c, guichet, FieldRules.profiles(form.profiles));
            em.lock(form, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            AuditLog.append(em, actor, "form.validated", "candidature", c.number, "profiles", form.profiles,
                    "evidenceStep", c.evidenceState);
            fired.add(CandidatureEvents.event(em, c, CandidatureEvent.Type.FORM_VALIDATED, actor, Map.of("profiles", form.profiles)));
            return view(em, c, form, guichet);
        });
        events.fire(fired);
        return result;
    }

    /**
     * the files deposited with the form are checked again when the reviewer validates it, so
     * that a habilitation revoked or expired since its upload no longer passes.
     */
    private void recheckAttachments(Actor actor, String number, long expectedVersion) {
        record Target(long fileId, CheckedFile file, String sha256) {}
        List<Target> targets = db.read(em -> {
            CandidatureEntity c = reviewable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            Guichet guichet = guichet(em, c);
            Set<String> profiles = FieldRules.profiles(form.profiles);
            ProductEntity product = em.find(ProductEntity.class, c.productId);
            List<Target> out = new ArrayList<>();
            for (org.guichets.api.Chapter chapter : guichet.formChaptersFor(profiles)) {
                for (EvidenceFileEntity f : EvidenceServiceImpl.files(em, c, chapter.id())) {
                    EvidenceKind kind = chapter.requirements().stream().filter(r -> r.ref().equals(f.requirementRef))
                            .flatMap(r -> r.evidence().stream()).filter(e -> e.id().equals(f.evidenceId))
                            .map(org.guichets.api.EvidenceSpec::kind).findFirst().orElse(null);
                    if (kind != null && (kind == EvidenceKind.HABILITATION || checks.any(c.dispositifId, kind.name()))) {
                        out.add(new Target(f.id, new CheckedFile(c.dispositifId, c.guichetId, c.number, profiles, product.name,
                                product.softwareVersion, chapter.id(), f.requirementRef, f.evidenceId, kind, f.fileName,
                                f.mediaType, f.size, values(form)), f.sha256));
                    }
                }
            }
            return out;
        });
        if (targets.isEmpty()) {
            return;
        }
        Map<Long, List<CheckResult>> results = new LinkedHashMap<>();
        for (Target t : targets) {
            List<CheckResult> r = checks.run(t.file(), () -> store.open(t.sha256()));
            // a habilitation is verified by its signature: with no check running now, it is not verified now
            results.put(t.fileId(), !r.isEmpty() || t.file().kind() != EvidenceKind.HABILITATION ? r : List.of(new CheckResult(
                    "core", CheckResult.Outcome.ERROR, new org.guichets.api.LocalizedText(Map.of(
                            "fr", "Aucune vérification de signature n'est disponible : le plugin du dispositif ne répond pas.",
                            "en", "No signature check is available: the scheme's plugin does not answer.")),
                    List.of(), Map.of())));
        }
        db.write(em -> {
            for (Map.Entry<Long, List<CheckResult>> e : results.entrySet()) {
                EvidenceFileEntity f = em.find(EvidenceFileEntity.class, e.getKey());
                String json = EvidenceChecks.toJson(e.getValue());
                if (f != null && !json.equals(f.checkResults)) {
                    f.checkResults = json;
                    em.flush();
                    AuditLog.append(em, actor, "evidence.rechecked", "candidature", number, "file", f.fileName,
                            "sha256", f.sha256, "checks", e.getValue().stream().map(r -> r.check() + ":" + r.outcome()).toList());
                }
            }
            return null;
        });
    }

    private CandidatureEntity candidateWritable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
        ProductServiceImpl.writable(em, actor, c.productId);
        return c;
    }

    private static CandidatureEntity reviewable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
        AccessPolicy.requireRoleNow(em, actor, PlatformRole.REVIEWER);
        if (!StepState.SUBMITTED.name().equals(c.formState)) {
            throw new InvalidTransitionException("form.notSubmitted");
        }
        return c;
    }

    private static void requireEditable(CandidatureEntity c) {
        StepState state = StepState.valueOf(c.formState);
        if (state != StepState.IN_PROGRESS && state != StepState.RETURNED) {
            throw new InvalidTransitionException("form.notEditable", state.name());
        }
    }

    private static FormEntity formOf(EntityManager em, CandidatureEntity c) {
        FormEntity form = em.find(FormEntity.class, c.id);
        form.number = c.number;
        return form;
    }

    private static FormEntity current(EntityManager em, CandidatureEntity c, long expectedVersion) {
        FormEntity form = formOf(em, c);
        if (form.version != expectedVersion) {
            throw new ConflictException("form", c.number, expectedVersion, form.version);
        }
        return form;
    }

    private Guichet guichet(EntityManager em, CandidatureEntity c) {
        return referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
    }

    /** Required fields still empty, and stored values no longer valid, in form order. */
    static List<FieldError> blocking(Guichet guichet, Map<String, String> values) {
        Set<String> profiles = FieldRules.profiles(values.get(profilesField(guichet)));
        List<FieldError> errors = new ArrayList<>();
        for (FormField f : guichet.fields()) {
            String v = values.get(f.id());
            if (v == null) {
                if (f.requiredFor(profiles)) {
                    errors.add(FieldError.of(f.id(), "field.required"));
                }
            } else {
                FieldError e = FieldRules.check(f, v, guichet);
                if (e != null) {
                    errors.add(e);
                }
            }
        }
        return errors;
    }

    /** required fields filled over required fields, for the profiles chosen so far. */
    static int completion(Guichet guichet, Map<String, String> values) {
        Set<String> profiles = FieldRules.profiles(values.get(profilesField(guichet)));
        long required = guichet.fields().stream().filter(f -> f.requiredFor(profiles)).count();
        if (required == 0) {
            return 100;
        }
        long filled = guichet.fields().stream().filter(f -> f.requiredFor(profiles) && values.containsKey(f.id())
                && FieldRules.check(f, values.get(f.id()), guichet) == null).count();
        return (int) (filled * 100 / required);
    }

    private static String profilesField(Guichet guichet) {
        return guichet.fields().stream().filter(f -> f.type() == FieldType.PROFILES).map(FormField::id).findFirst().orElse("");
    }

    private static String profilesOf(Guichet guichet, Map<String, String> values) {
        String v = values.get(profilesField(guichet));
        return v == null ? "" : v;
    }

    private static AdministrativeForm view(EntityManager em, CandidatureEntity c, FormEntity form, Guichet guichet) {
        Map<String, String> values = values(form);
        StepState state = StepState.valueOf(c.formState);
        List<FieldError> missing = new ArrayList<>(blocking(guichet, values));
        if (state != StepState.VALIDATED) {
            missing.addAll(attachments(em, c, guichet, values, false));
        }
        return new AdministrativeForm(c.number, state, values, FieldRules.profiles(form.profiles), state == StepState.VALIDATED,
                completion(guichet, values), missing, read(form.fieldComments), form.reviewerMessage, form.version);
    }

    /**
     * What the chapters deposited with the form lack: a required piece with no file; and,
     * when {@code verified} is asked for, a file whose checks failed or could not run, or a
     * habilitation no check verified (a signed document is verified by its signature, never by eye).
     * Each error's field is {@code chapter/requirement/evidence}.
     */
    static List<FieldError> attachments(EntityManager em, CandidatureEntity c, Guichet guichet, Map<String, String> values,
            boolean verified) {
        Set<String> profiles = FieldRules.profiles(values.get(profilesField(guichet)));
        List<FieldError> errors = new ArrayList<>();
        for (org.guichets.api.Chapter chapter : guichet.formChaptersFor(profiles)) {
            List<EvidenceFileEntity> files = EvidenceServiceImpl.files(em, c, chapter.id());
            for (org.guichets.api.Requirement r : chapter.requirementsFor(profiles, values)) {
                for (org.guichets.api.EvidenceSpec e : r.evidence()) {
                    String where = chapter.id() + "/" + r.ref() + "/" + e.id();
                    List<EvidenceFileEntity> mine = files.stream()
                            .filter(f -> f.requirementRef.equals(r.ref()) && f.evidenceId.equals(e.id())).toList();
                    if (mine.isEmpty()) {
                        if (!e.optional()) {
                            errors.add(FieldError.of(where, "evidence.missing", e.label().toString()));
                        }
                        continue;
                    }
                    if (!verified) {
                        continue;
                    }
                    for (EvidenceFileEntity f : mine) {
                        List<CheckResult> results = EvidenceChecks.fromJson(f.checkResults);
                        CheckResult bad = results.stream().filter(x -> x.outcome() != CheckResult.Outcome.PASSED).findFirst()
                                .orElse(null);
                        if (bad != null && bad.outcome() == CheckResult.Outcome.FAILED) {
                            errors.add(FieldError.of(where, "attachment.notVerified", f.fileName, reasons(bad)));
                        } else if (bad != null || (e.kind() == EvidenceKind.HABILITATION && results.isEmpty())) {
                            errors.add(FieldError.of(where, "attachment.unverified", f.fileName));
                        }
                    }
                }
            }
        }
        return errors;
    }

    private static String reasons(CheckResult r) {
        StringBuilder sb = new StringBuilder(r.summary().toString());
        r.details().forEach(d -> sb.append(' ').append(d.toString()));
        return sb.toString();
    }

    /** On validation, the files deposited with the form are accepted with it. */
    private static void acceptAttachments(EntityManager em, CandidatureEntity c, Guichet guichet, Map<String, String> values,
            Actor actor) {
        Set<String> profiles = FieldRules.profiles(values.get(profilesField(guichet)));
        for (org.guichets.api.Chapter chapter : guichet.formChaptersFor(profiles)) {
            Set<String> asked = new java.util.HashSet<>();
            chapter.requirementsFor(profiles, values).forEach(r -> r.evidence().forEach(e -> asked.add(r.ref() + "/" + e.id())));
            ChapterEntity row = em.find(ChapterEntity.class, new ChapterEntity.Key(c.id, chapter.id()));
            if (row == null) {
                row = EvidenceServiceImpl.formChapterRow(c, chapter.id());
                em.persist(row);
            }
            row.state = org.guichets.api.candidature.ChapterState.VALIDATED.name();
            row.validatedAt = Times.now();
            // files of pieces no longer asked (profiles or answers changed since) are kept, not accepted
            for (EvidenceFileEntity f : EvidenceServiceImpl.files(em, c, chapter.id())) {
                if (!asked.contains(f.requirementRef + "/" + f.evidenceId)) {
                    continue;
                }
                f.verdict = org.guichets.api.candidature.Verdict.CONFORM.name();
                f.reviewedBy = actor.accountId();
                f.reviewedAt = Times.now();
            }
        }
    }


    /** The stored values of a form. */
    public static Map<String, String> values(FormEntity form) {
        return read(form.values);
    }

    private static Map<String, String> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form data is not JSON", e);
        }
    }

    private static String json(Map<String, String> map) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

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
import org.guichets.api.FieldType;
import org.guichets.api.FormField;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.StepState;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AccountEntity;
import org.guichets.core.internal.jpa.CandidatureEntity;
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

    @Activate
    public FormServiceImpl(@Reference Database db, @Reference ReferentialStore referentials,
            @Reference CandidatureEvents events) {
        this.db = db;
        this.referentials = referentials;
        this.events = events;
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
        return form;
    }

    @Override
    public AdministrativeForm get(Actor actor, String number) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
            return view(c, formOf(em, c), guichet(em, c));
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
            AuditLog.append(em, actor, "form.saved", "candidature", c.number, "fields", changes == null ? "" : String.join(",", new TreeMap<>(changes).keySet()));
            return view(c, form, guichet);
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
            List<FieldError> missing = blocking(guichet, values(form));
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
            AuditLog.append(em, actor, "form.submitted", "candidature", c.number, "profiles", form.profiles);
            fired.add(CandidatureEvents.event(c, CandidatureEvent.Type.FORM_SUBMITTED, actor, Map.of()));
            return view(c, form, guichet);
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
            ReviewQueueImpl.waiting(em, c, null, null);
            form.fieldComments = json(comments);
            form.reviewerMessage = general;
            em.lock(form, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            AuditLog.append(em, actor, "form.returned", "candidature", c.number, "fields", String.join(",", comments.keySet()),
                    "message", general);
            fired.add(CandidatureEvents.event(c, CandidatureEvent.Type.FORM_RETURNED, actor, Map.of()));
            return view(c, form, guichet);
        });
        events.fire(fired);
        return result;
    }

    @Override
    public AdministrativeForm validate(Actor actor, String number, long expectedVersion) {
        List<CandidatureEvent> fired = new ArrayList<>();
        AdministrativeForm result = db.write(em -> {
            CandidatureEntity c = reviewable(em, actor, number);
            FormEntity form = current(em, c, expectedVersion);
            c.formState = StepState.VALIDATED.name();
            c.evidenceState = StepState.IN_PROGRESS.name();
            ReviewQueueImpl.waiting(em, c, null, null);
            form.validatedAt = Times.now();
            EvidenceServiceImpl.openChapters(em, c, guichet(em, c), FieldRules.profiles(form.profiles));
            em.lock(form, jakarta.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            em.flush();
            AuditLog.append(em, actor, "form.validated", "candidature", c.number, "profiles", form.profiles,
                    "evidenceStep", c.evidenceState);
            fired.add(CandidatureEvents.event(c, CandidatureEvent.Type.FORM_VALIDATED, actor, Map.of("profiles", form.profiles)));
            return view(c, form, guichet(em, c));
        });
        events.fire(fired);
        return result;
    }

    private CandidatureEntity candidateWritable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
        ProductServiceImpl.writable(em, actor, c.productId);
        return c;
    }

    private static CandidatureEntity reviewable(EntityManager em, Actor actor, String number) {
        CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, number);
        if (!actor.has(PlatformRole.REVIEWER)) {
            throw new AccessDeniedException("access.denied");
        }
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

    private static AdministrativeForm view(CandidatureEntity c, FormEntity form, Guichet guichet) {
        Map<String, String> values = values(form);
        StepState state = StepState.valueOf(c.formState);
        return new AdministrativeForm(c.number, state, values, FieldRules.profiles(form.profiles), state == StepState.VALIDATED,
                completion(guichet, values), blocking(guichet, values), read(form.fieldComments), form.reviewerMessage, form.version);
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

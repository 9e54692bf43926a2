package org.guichets.core.internal.deliverable;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.guichets.api.Deliverable;
import org.guichets.api.Dispositif;
import org.guichets.api.Guichet;
import org.guichets.api.LocalizedText;
import org.guichets.api.Profile;
import org.guichets.api.candidature.CandidatureEvent;
import org.guichets.api.candidature.CandidatureListener;
import org.guichets.api.deliverable.DeliverableContent;
import org.guichets.api.deliverable.DeliverableEvent;
import org.guichets.api.deliverable.DeliverableListener;
import org.guichets.api.deliverable.DeliverableProducer;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.evidence.EvidenceStore;
import org.guichets.api.evidence.UploadPolicy;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.AccessPolicy;
import org.guichets.core.internal.Checks;
import org.guichets.core.internal.Times;
import org.guichets.core.internal.audit.AuditLog;
import org.guichets.core.internal.candidature.CandidatureServiceImpl;
import org.guichets.core.internal.candidature.FieldRules;
import org.guichets.core.internal.candidature.FormServiceImpl;
import org.guichets.core.internal.candidature.ReferentialStore;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.notification.EventLog;
import org.guichets.core.internal.jpa.CandidatureEntity;
import org.guichets.core.internal.jpa.ChapterEntity;
import org.guichets.core.internal.jpa.DeliverableEntity;
import org.guichets.core.internal.jpa.FormEntity;
import org.guichets.core.internal.jpa.OrganizationEntity;
import org.guichets.core.internal.jpa.ProductEntity;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverable registry: signs what became due with the {@link DeliverableProducer}
 * (retried while none is there or it fails), keeps the signed PDF in the evidence store, expires
 * what is due, tells of reminders 90, 30 and 7 days before expiry, and revokes on the agency's
 * word. One thread does the signing, the scheduled pass and the telling, in order.
 */
@Component(service = {DeliverableService.class, CandidatureListener.class})
public final class DeliverableServiceImpl implements DeliverableService, CandidatureListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverableServiceImpl.class);
    private static final ZoneId AGENCY_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final UploadPolicy PDF = new UploadPolicy(0, Set.of("application/pdf"));
    /** A pending deliverable is tried again at each pass, up to this many times, then left for an operator. */
    static final int MAX_ATTEMPTS = 20;

    private final Database db;
    private final ReferentialStore referentials;
    private final EvidenceStore store;
    private final String publicUrl;
    private final List<DeliverableListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock signing = new ReentrantLock();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guichets-deliverables");
        t.setDaemon(true);
        return t;
    });
    private volatile DeliverableProducer producer;

    @Activate
    public DeliverableServiceImpl(BundleContext context, @Reference Database db, @Reference ReferentialStore referentials,
            @Reference EvidenceStore store) {
        this(db, referentials, store, context.getProperty("guichets.publicUrl"));
        long seconds = parseSeconds(context.getProperty("guichets.deliverables.sweepSeconds"), 3600);
        thread.scheduleWithFixedDelay(this::scheduledSweep, 5, seconds, TimeUnit.SECONDS);
    }

    /** For tests: no scheduled pass; {@link #sweep(Instant)} runs when called. */
    public DeliverableServiceImpl(Database db, ReferentialStore referentials, EvidenceStore store, String publicUrl) {
        this.db = db;
        this.referentials = referentials;
        this.store = store;
        String url = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip();
        this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static long parseSeconds(String value, long fallback) {
        try {
            return value == null ? fallback : Math.max(1, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            LOG.warn("guichets.deliverables.sweepSeconds={} is not a number of seconds; using {}", value, fallback);
            return fallback;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void setProducer(DeliverableProducer producer) {
        this.producer = producer;
        // what waited for a signing service is signed now
        thread.execute(() -> issuePending(Instant.now()));
    }

    public void unsetProducer(DeliverableProducer producer) {
        if (this.producer == producer) {
            this.producer = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addListener(DeliverableListener listener) {
        listeners.add(listener);
    }

    public void removeListener(DeliverableListener listener) {
        listeners.remove(listener);
    }

    @Deactivate
    public void close() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** A deliverable became due: sign it now (on the deliverables thread). */
    @Override
    public void candidatureChanged(CandidatureEvent event) {
        if (event.type() == CandidatureEvent.Type.DELIVERABLE_DUE && event.details().containsKey("id")) {
            String id = event.details().get("id");
            thread.execute(() -> {
                signing.lock();
                try {
                    issue(id, Instant.now());
                } finally {
                    signing.unlock();
                }
            });
        }
    }

    private void scheduledSweep() {
        try {
            Sweep s = sweep(Instant.now());
            if (s.issued() + s.expired() + s.reminders() > 0 || s.stillPending() > 0) {
                LOG.info("Deliverables pass: {} signed, {} expired, {} reminders, {} still pending", s.issued(), s.expired(),
                        s.reminders(), s.stillPending());
            }
        } catch (RuntimeException e) {
            LOG.error("Deliverables pass failed; the next one retries", e);
        }
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<IssuedDeliverable> forCandidature(Actor actor, String candidatureNumber) {
        return db.read(em -> {
            CandidatureEntity c = CandidatureServiceImpl.readable(em, actor, candidatureNumber);
            return em.createQuery("SELECT d FROM DeliverableEntity d WHERE d.candidatureId = :c ORDER BY d.dueAt, d.id",
                    DeliverableEntity.class).setParameter("c", c.id).getResultList().stream().map(d -> view(em, d)).toList();
        });
    }

    @Override
    public IssuedDeliverable get(Actor actor, String id) {
        return db.read(em -> view(em, readable(em, actor, id)));
    }

    @Override
    public byte[] pdf(Actor actor, String id) {
        String sha = db.read(em -> readable(em, actor, id).sha256);
        if (sha == null) {
            throw new NotFoundException("deliverable", id);
        }
        try (InputStream in = store.open(sha)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the signed PDF of deliverable " + id + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<IssuedDeliverable> lookup(String id) {
        if (!DeliverableRecords.wellFormed(id)) {
            return Optional.empty();
        }
        return db.read(em -> Optional.ofNullable(em.find(DeliverableEntity.class, id)).map(d -> view(em, d)));
    }

    private static DeliverableEntity readable(EntityManager em, Actor actor, String id) {
        DeliverableEntity d = DeliverableRecords.wellFormed(id) ? em.find(DeliverableEntity.class, id) : null;
        if (d == null) {
            throw new NotFoundException("deliverable", id);
        }
        try {
            CandidatureServiceImpl.readable(em, actor, d.candidatureNumber);
        } catch (NotFoundException e) {
            throw new NotFoundException("deliverable", id);
        }
        return d;
    }

    private IssuedDeliverable view(EntityManager em, DeliverableEntity d) {
        CandidatureEntity c = em.find(CandidatureEntity.class, d.candidatureId);
        LocalizedText title = declaration(em, c, d).map(Deliverable::title).orElse(LocalizedText.french(d.documentKind));
        return new IssuedDeliverable(d.id, d.documentKind, d.declarationId, title, d.dispositifId, d.guichetId,
                d.candidatureNumber, d.organizationId, d.organizationName, d.nru, List.copyOf(FieldRules.profiles(d.profiles)),
                d.softwareName, d.softwareVersion, DeliverableStatus.valueOf(d.status), instant(d.issuedAt),
                instant(d.expiresAt), d.revocationReason, instant(d.revokedAt), d.sha256);
    }

    private Optional<Deliverable> declaration(EntityManager em, CandidatureEntity c, DeliverableEntity d) {
        try {
            Guichet g = referentials.guichet(em, c.dispositifId, c.referentialVersion, c.guichetId);
            return g.deliverables().stream().filter(x -> x.id().equals(d.declarationId)).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    // ---------------------------------------------------------------- revocation

    @Override
    public IssuedDeliverable revoke(Actor actor, String id, String reason) {
        if (!actor.has(PlatformRole.COMMITTEE) && !actor.has(PlatformRole.ADMIN)) {
            throw new AccessDeniedException("access.denied");
        }
        Checks checks = new Checks();
        String why = checks.required("reason", reason, 2000);
        checks.done();
        IssuedDeliverable revoked = db.write(em -> {
            AccessPolicy.requireRoleNow(em, actor, PlatformRole.COMMITTEE, PlatformRole.ADMIN);
            DeliverableEntity d = DeliverableRecords.wellFormed(id) ? em.find(DeliverableEntity.class, id) : null;
            if (d == null) {
                throw new NotFoundException("deliverable", id);
            }
            em.lock(d, LockModeType.PESSIMISTIC_WRITE);
            em.refresh(d);
            if (!DeliverableStatus.VALID.name().equals(d.status) && !DeliverableStatus.PENDING.name().equals(d.status)) {
                throw new InvalidTransitionException("deliverable.notValid", d.status);
            }
            d.status = DeliverableStatus.REVOKED.name();
            d.revocationReason = why;
            d.revokedAt = Times.now();
            d.revokedBy = actor.accountId();
            em.flush();
            AuditLog.append(em, actor, "deliverable.revoked", "deliverable", d.id, "candidature", d.candidatureNumber,
                    "kind", d.documentKind, "reason", why);
            EventLog.deliverable(em, DeliverableEvent.Type.REVOKED, d.id, 0);
            return view(em, d);
        });
        tell(new DeliverableEvent(DeliverableEvent.Type.REVOKED, revoked, 0, Instant.now()));
        return revoked;
    }

    // ---------------------------------------------------------------- the pass

    @Override
    public Sweep sweep(Instant now) {
        signing.lock();
        try {
            int[] issued = issuePending(now);
            int expired = expire(now);
            int reminders = remind(now);
            return new Sweep(issued[0], expired, reminders, issued[1]);
        } finally {
            signing.unlock();
        }
    }

    /** @return signed, still pending */
    private int[] issuePending(Instant now) {
        signing.lock();
        try {
            List<String> pending = db.read(em -> em.createQuery("SELECT d.id FROM DeliverableEntity d WHERE d.status = :s"
                    + " AND d.attempts < :max ORDER BY d.dueAt", String.class).setParameter("s", DeliverableStatus.PENDING.name())
                    .setParameter("max", MAX_ATTEMPTS).getResultList());
            int done = 0;
            for (String id : pending) {
                if (issue(id, now)) {
                    done++;
                }
            }
            return new int[] {done, pending.size() - done};
        } finally {
            signing.unlock();
        }
    }

    /** Renders, signs and records one pending deliverable; {@code false} if it stays pending. Holds {@link #signing}. */
    private boolean issue(String id, Instant now) {
        DeliverableProducer p = producer;
        Prepared prepared = db.read(em -> prepare(em, id, now));
        if (prepared == null) {
            return false;
        }
        if (p == null) {
            LOG.info("Deliverable {} waits for a signing service", id);
            return false;
        }
        String sha;
        try {
            byte[] pdf = p.produce(prepared.content());
            sha = store.store(new ByteArrayInputStream(pdf), id + ".pdf", PDF).sha256();
        } catch (Exception e) {
            LOG.error("Deliverable {} could not be signed; it stays pending and the next pass retries", id, e);
            String error = (e.getClass().getSimpleName() + ": " + e.getMessage());
            db.write(em -> {
                DeliverableEntity d = em.find(DeliverableEntity.class, id);
                d.attempts++;
                d.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
                return null;
            });
            return false;
        }
        IssuedDeliverable issued = db.write(em -> {
            DeliverableEntity d = em.find(DeliverableEntity.class, id);
            if (d == null || !DeliverableStatus.PENDING.name().equals(d.status)) {
                return null; // revoked meanwhile: the signed file is swept as an orphan at the next start
            }
            d.status = DeliverableStatus.VALID.name();
            d.attempts++;
            d.lastError = null;
            d.issuedAt = OffsetDateTime.ofInstant(prepared.content().issuedAt(), ZoneOffset.UTC);
            d.expiresAt = OffsetDateTime.ofInstant(prepared.content().expiresAt(), ZoneOffset.UTC);
            d.organizationName = prepared.organizationName();
            d.nru = prepared.nru();
            d.profiles = prepared.profiles();
            d.softwareName = prepared.softwareName();
            d.softwareVersion = prepared.softwareVersion();
            d.sha256 = sha;
            em.flush();
            AuditLog.append(em, Actor.system(), "deliverable.issued", "deliverable", d.id,
                    "candidature", d.candidatureNumber, "kind", d.documentKind, "expiresAt", d.expiresAt.toString(),
                    "sha256", sha);
            EventLog.deliverable(em, DeliverableEvent.Type.ISSUED, d.id, 0);
            return view(em, d);
        });
        if (issued == null) {
            return false;
        }
        LOG.info("Deliverable {} ({}) signed for candidature {}, valid until {}", issued.id(), issued.kind(),
                issued.candidatureNumber(), issued.expiresAt());
        tell(new DeliverableEvent(DeliverableEvent.Type.ISSUED, issued, 0, Instant.now()));
        return true;
    }

    /** What the document states and the registry records, resolved from the candidature. */
    private record Prepared(DeliverableContent content, String organizationName, String nru, String profiles,
            String softwareName, String softwareVersion) {}

    private Prepared prepare(EntityManager em, String id, Instant now) {
        DeliverableEntity d = em.find(DeliverableEntity.class, id);
        if (d == null || !DeliverableStatus.PENDING.name().equals(d.status)) {
            return null;
        }
        CandidatureEntity c = em.find(CandidatureEntity.class, d.candidatureId);
        Dispositif dispositif = referentials.dispositif(em, c.dispositifId, c.referentialVersion);
        Guichet guichet = dispositif.guichet(c.guichetId).orElseThrow();
        Deliverable declared = guichet.deliverables().stream().filter(x -> x.id().equals(d.declarationId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("deliverable " + d.declarationId + " is no longer declared"));
        OrganizationEntity org = em.find(OrganizationEntity.class, c.organizationId);
        ProductEntity product = em.find(ProductEntity.class, c.productId);
        FormEntity form = em.find(FormEntity.class, c.id);
        Map<String, String> values = form == null ? Map.of() : FormServiceImpl.values(form);
        Set<String> profiles = form == null ? Set.of() : FieldRules.profiles(form.profiles);
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.atZone(AGENCY_ZONE).plus(Period.parse(d.validity)).toInstant();
        Sources sources = new Sources(em, c, org, product, values, profiles, guichet, issuedAt, expiresAt);
        List<DeliverableContent.Line> lines = new ArrayList<>();
        List<Deliverable.Line> declaredLines = declared.content().isEmpty() ? DEFAULT_LINES : declared.content();
        for (Deliverable.Line line : declaredLines) {
            String value = line.source() != null ? sources.value(line.source()) : french(line.text());
            lines.add(new DeliverableContent.Line(french(line.label()), value == null || value.isBlank() ? "—" : value));
        }
        DeliverableContent content = new DeliverableContent(d.id, d.documentKind, french(declared.title()),
                french(dispositif.name()), french(guichet.name()), declared.statement() == null ? null : french(declared.statement()),
                lines, issuedAt, expiresAt, publicUrl + "/verify/" + d.id);
        return new Prepared(content, org.legalName, c.nru, String.join(",", profiles), product.name,
                product.softwareVersion);
    }

    private static final List<Deliverable.Line> DEFAULT_LINES = List.of(
            line("Entreprise", "organization.name"), line("SIRET", "organization.siret"),
            line("Logiciel", "product.name"), line("Version", "product.version"), line("NRU", "nru"),
            line("Profil(s)", "profiles"), line("Candidature", "candidature.number"),
            line("Délivré le", "issuedAt"), line("Valable jusqu'au", "expiresAt"));

    private static Deliverable.Line line(String label, String source) {
        return new Deliverable.Line(LocalizedText.french(label), source, null);
    }

    private static String french(LocalizedText text) {
        return text == null ? null : text.get(Locale.FRENCH);
    }

    /** The values a deliverable's lines may state. */
    private record Sources(EntityManager em, CandidatureEntity c, OrganizationEntity org, ProductEntity product,
            Map<String, String> form, Set<String> profiles, Guichet guichet, Instant issuedAt, Instant expiresAt) {

        String value(String source) {
            if (source.startsWith("form.")) {
                return form.get(source.substring("form.".length()));
            }
            if (source.startsWith("chapter.") && source.endsWith(".validatedAt")) {
                String chapter = source.substring("chapter.".length(), source.length() - ".validatedAt".length());
                ChapterEntity ch = em.find(ChapterEntity.class, new ChapterEntity.Key(c.id, chapter));
                return ch == null || ch.validatedAt == null ? null : date(ch.validatedAt.toInstant());
            }
            return switch (source) {
                case "organization.name" -> org.legalName;
                case "organization.siret" -> org.siret;
                case "organization.address" -> Arrays.asList(org.street, org.postalCode + " " + org.city).stream()
                        .collect(Collectors.joining(", "));
                case "product.name" -> product.name;
                case "product.version" -> product.softwareVersion;
                case "nru" -> c.nru;
                case "candidature.number" -> c.number;
                case "profiles" -> profiles.stream().map(code -> guichet.profiles().stream()
                        .filter(p -> p.code().equals(code)).findFirst().map(DeliverableServiceImpl::profileLabel).orElse(code))
                        .collect(Collectors.joining(", "));
                case "issuedAt" -> date(issuedAt);
                case "expiresAt" -> date(expiresAt);
                case "evidence.validatedAt" -> {
                    // when the last chapter was found conformant: the date the conformity was established
                    java.time.OffsetDateTime last = em.createQuery("SELECT MAX(ch.validatedAt) FROM ChapterEntity ch"
                            + " WHERE ch.candidatureId = :c", java.time.OffsetDateTime.class).setParameter("c", c.id).getSingleResult();
                    yield last == null ? null : date(last.toInstant());
                }
                default -> null;
            };
        }
    }

    private static String profileLabel(Profile p) {
        String name = french(p.name());
        return name == null || name.equals(p.code()) ? p.code() : p.code() + " (" + name + ")";
    }

    static String date(Instant t) {
        return FRENCH_DATE.format(t.atZone(AGENCY_ZONE));
    }

    private int expire(Instant now) {
        List<IssuedDeliverable> expired = db.write(em -> {
            List<IssuedDeliverable> out = new ArrayList<>();
            for (DeliverableEntity d : em.createQuery("SELECT d FROM DeliverableEntity d WHERE d.status = :s AND d.expiresAt <= :now",
                    DeliverableEntity.class).setParameter("s", DeliverableStatus.VALID.name())
                    .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).getResultList()) {
                d.status = DeliverableStatus.EXPIRED.name();
                em.flush();
                AuditLog.append(em, Actor.system(), "deliverable.expired", "deliverable", d.id,
                        "candidature", d.candidatureNumber, "expiresAt", d.expiresAt.toString());
                EventLog.deliverable(em, DeliverableEvent.Type.EXPIRED, d.id, 0);
                out.add(view(em, d));
            }
            return out;
        });
        for (IssuedDeliverable d : expired) {
            tell(new DeliverableEvent(DeliverableEvent.Type.EXPIRED, d, 0, now));
        }
        return expired.size();
    }

    /** Tells, once each, the tightest reminder a valid deliverable has reached (a late pass skips the wider ones). */
    private int remind(Instant now) {
        int widest = DeliverableEvent.REMINDER_DAYS.stream().mapToInt(Integer::intValue).max().orElse(0);
        List<DeliverableEvent> told = db.write(em -> {
            List<DeliverableEvent> out = new ArrayList<>();
            int tightest = DeliverableEvent.REMINDER_DAYS.stream().mapToInt(Integer::intValue).min().orElse(0);
            // those already told the tightest reminder are done: the pass reads only what may be due
            for (DeliverableEntity d : em.createQuery("SELECT d FROM DeliverableEntity d WHERE d.status = :s"
                    + " AND d.expiresAt <= :horizon AND (d.remindedDays IS NULL OR d.remindedDays > :tightest)",
                    DeliverableEntity.class).setParameter("s", DeliverableStatus.VALID.name())
                    .setParameter("horizon", OffsetDateTime.ofInstant(now.plus(Duration.ofDays(widest)), ZoneOffset.UTC))
                    .setParameter("tightest", tightest).getResultList()) {
                Duration left = Duration.between(now, d.expiresAt.toInstant());
                int due = DeliverableEvent.REMINDER_DAYS.stream().filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                        .mapToInt(Integer::intValue).min().orElse(0);
                if (due == 0 || (d.remindedDays != null && d.remindedDays <= due)) {
                    continue;
                }
                d.remindedDays = due;
                EventLog.deliverable(em, DeliverableEvent.Type.EXPIRING, d.id, due);
                out.add(new DeliverableEvent(DeliverableEvent.Type.EXPIRING, view(em, d), due, now));
            }
            return out;
        });
        told.forEach(this::tell);
        return told.size();
    }

    private void tell(DeliverableEvent event) {
        thread.execute(() -> {
            for (DeliverableListener l : listeners) {
                try {
                    l.deliverableChanged(event);
                } catch (RuntimeException e) {
                    LOG.error("Deliverable listener {} failed on {} {}", l, event.type(), event.deliverable().id(), e);
                }
            }
        });
    }
}

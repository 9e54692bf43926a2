package org.guichets.core.internal.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.guichets.api.Dispositif;
import org.guichets.api.GuichetStatus;
import org.guichets.api.PluginOrigin;
import org.guichets.api.catalog.Product;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.catalog.SchemeInterest;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.DispositifRegistryImpl;
import org.guichets.core.internal.audit.AuditTrailImpl;
import org.guichets.core.internal.candidature.CandidatureEvents;
import org.guichets.core.internal.candidature.CommitteeServiceImpl;
import org.guichets.core.internal.candidature.EvidenceServiceImpl;
import org.guichets.evidence.internal.FileEvidenceStore;
import org.guichets.core.internal.candidature.CandidatureServiceImpl;
import org.guichets.core.internal.candidature.FormServiceImpl;
import org.guichets.core.internal.candidature.ReferentialStore;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.identity.IdentityServiceImpl;
import org.guichets.core.internal.identity.PasswordHasher;

/**
 * The core's services on a fresh database, as DS wires them in the framework, plus helpers that
 * build companies, people and products. Passwords are hashed with light Argon2 parameters to keep
 * the suite fast; {@code PasswordHasherTest} covers the production parameters.
 */
public final class Fixture implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery staple";
    /** Valid SIRETs (Luhn) for test companies. */
    private static final String[] SIRETS = {"73282932000074", "44306184100047", "55208131766522", "54205118000066",
            "38012986646850", "40483304800022"};

    public final Database db;
    /** Where {@link #db} is: another {@link Database} opened on it is a second process on the same database. */
    public final org.guichets.core.internal.db.DatabaseSettings settings;
    public final DispositifRegistryImpl registry = new DispositifRegistryImpl();
    public final IdentityServiceImpl identity;
    public final ProductServiceImpl products;
    public final CandidatureServiceImpl candidatures;
    public final FormServiceImpl forms;
    public final EvidenceServiceImpl evidence;
    public final CommitteeServiceImpl committee;
    public final org.guichets.core.internal.candidature.ReviewQueueImpl queue;
    public final org.guichets.core.internal.candidature.ConversationServiceImpl conversations;
    public final FileEvidenceStore store;
    public final java.nio.file.Path evidenceRoot;
    public final CandidatureEvents events = new CandidatureEvents();
    public final java.util.concurrent.BlockingQueue<org.guichets.api.candidature.CandidatureEvent> heard =
            new java.util.concurrent.LinkedBlockingQueue<>();
    public final AuditTrailImpl audit;
    public final org.guichets.core.internal.candidature.ReferentialArchiveImpl archive;
    /** The scheme checks run on upload; tests add theirs with {@code checks.addCheck}. */
    public final org.guichets.core.internal.candidature.EvidenceChecks checks =
            new org.guichets.core.internal.candidature.EvidenceChecks(2);
    public final org.guichets.core.internal.deliverable.DeliverableServiceImpl deliverables;
    public final java.util.concurrent.BlockingQueue<org.guichets.api.deliverable.DeliverableEvent> heardDeliverables =
            new java.util.concurrent.LinkedBlockingQueue<>();
    /** Sends nothing by itself: tests call {@code sendWebhooks} and {@code sendMails}. */
    public final org.guichets.core.internal.notification.NotificationDispatcher dispatcher;
    public final ReferentialStore referentials;
    public final org.guichets.core.internal.notification.WebhookServiceImpl webhooks;
    public final org.guichets.core.internal.identity.ApiTokenServiceImpl tokens;
    private final AtomicInteger counter = new AtomicInteger();
    private int nextSiret;

    public Fixture(String databaseKind) throws IOException, SQLException {
        settings = TestDatabases.fresh(databaseKind);
        db = new Database(settings, Fixture.class.getClassLoader());
        identity = new IdentityServiceImpl(db, new PasswordHasher(1024, 1, 1));
        products = new ProductServiceImpl(db);
        referentials = new ReferentialStore(registry);
        events.addListener(heard::add);
        candidatures = new CandidatureServiceImpl(db, registry, referentials, events);
        evidenceRoot = java.nio.file.Files.createTempDirectory("guichets-evidence");
        store = new FileEvidenceStore(evidenceRoot, 10 * 1024 * 1024);
        forms = new FormServiceImpl(db, referentials, events, checks, store);
        evidence = new EvidenceServiceImpl(db, referentials, events, store, checks);
        committee = new CommitteeServiceImpl(db, referentials, events);
        queue = new org.guichets.core.internal.candidature.ReviewQueueImpl(db);
        conversations = new org.guichets.core.internal.candidature.ConversationServiceImpl(db, events);
        audit = new AuditTrailImpl(db);
        archive = new org.guichets.core.internal.candidature.ReferentialArchiveImpl(db, referentials);
        deliverables = new org.guichets.core.internal.deliverable.DeliverableServiceImpl(db, referentials, store,
                "https://guichets.example/");
        deliverables.addListener(heardDeliverables::add);
        events.addListener(deliverables);
        dispatcher = dispatcher(true, java.time.Duration.ofSeconds(5));
        events.addListener(dispatcher);
        webhooks = new org.guichets.core.internal.notification.WebhookServiceImpl(db, dispatcher, true);
        tokens = new org.guichets.core.internal.identity.ApiTokenServiceImpl(db);
        deploy("edc-psc", "v1", GuichetStatus.OPEN);
    }

    /**
     * Deploys the test scheme (descriptors/edc-mini.json: an "editeur" guichet with profiles ELU
     * and ELP, a form, three chapters and two deliverables; an upcoming "operateur") as {@code id}
     * at {@code referential}, with the editeur guichet in {@code editeurStatus}.
     */
    public Dispositif deploy(String id, String referential, GuichetStatus editeurStatus) {
        String json = template().replace("\"id\": \"edc-psc\"", "\"id\": \"" + id + "\"")
                .replace("\"referentialVersion\": \"v1\"", "\"referentialVersion\": \"" + referential + "\"");
        if (editeurStatus != GuichetStatus.OPEN) {
            json = json.replace("\"name\": {\n        \"fr\": \"Guichet Editeur\"\n      },",
                    "\"name\": {\n        \"fr\": \"Guichet Editeur\"\n      }, \"status\": \"" + editeurStatus.name().toLowerCase() + "\",");
        }
        try {
            return registry.publishDescriptor(json.getBytes(StandardCharsets.UTF_8),
                    new PluginOrigin(100 + Math.abs(id.hashCode() % 1000), "test." + id, "1.0.0", "test:" + id));
        } catch (Exception e) {
            throw new IllegalStateException("test scheme refused: " + e.getMessage(), e);
        }
    }

    private static String template() {
        try (InputStream in = Fixture.class.getResourceAsStream("/descriptors/edc-mini.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A dispatcher on this fixture's database that sends only when called: three attempts, a backoff
     * of one second, an endpoint disabled after four failures in a row.
     */
    public org.guichets.core.internal.notification.NotificationDispatcher dispatcher(boolean allowPrivateNetworks,
            java.time.Duration timeout) {
        return new org.guichets.core.internal.notification.NotificationDispatcher(db,
                new org.guichets.core.internal.notification.NotificationDispatcher.Settings(0, 3,
                        java.time.Duration.ofSeconds(1), 4, timeout, 3, java.time.Duration.ofSeconds(1),
                        allowPrivateNetworks, "https://guichets.example/"), referentials, deliverables);
    }

    /** A new company; returns its mandataire. */
    public Actor company(String name) {
        String siret = SIRETS[nextSiret++ % SIRETS.length];
        Account m = identity.registerOrganization(
                new NewOrganization(name, siret, "5710", new Address("1 rue de la Paix", "75002", "Paris", "FR"), "Jeanne Martin"),
                new NewAccount("mandataire" + counter.incrementAndGet() + "@" + slug(name) + ".fr", "Mandataire de " + name,
                        PASSWORD.toCharArray(), OrganizationRole.MANDATAIRE));
        return Actor.of(m);
    }

    /** A new, approved member of the mandataire's company. */
    public Actor member(Actor mandataire, OrganizationRole role) {
        String siret = identity.organization(mandataire, mandataire.organizationId()).siret().value();
        Account pending = identity.requestToJoin(siret, new NewAccount(role.name().toLowerCase() + counter.incrementAndGet()
                + "@example.fr", role + " " + counter.get(), PASSWORD.toCharArray(), role));
        return Actor.of(identity.approve(mandataire, pending.id()));
    }

    /** A new agency account with these roles. */
    public Actor staff(PlatformRole... roles) {
        Account a = identity.createStaffAccount(Actor.system(), new NewAccount("staff" + counter.incrementAndGet()
                + "@agence.example", "Agent " + counter.get(), PASSWORD.toCharArray(), null), Set.of(roles));
        return Actor.of(a);
    }

    /** A product of the actor's company, with the actor responsible for it. */
    public Product product(Actor owner, String name) {
        return products.create(owner, draft(name, owner.accountId()));
    }

    public static ProductDraft draft(String name, long responsableId) {
        return new ProductDraft(name, "1.0", null, responsableId, "Logiciel " + name, null,
                Set.of(SchemeInterest.ESPACE_DE_CONFIANCE_PSC));
    }

    private static String slug(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]", "");
    }

    @Override
    public void close() throws InterruptedException {
        events.close();
        deliverables.close();
        dispatcher.close();
        checks.close();
        db.close();
        try (var files = java.nio.file.Files.walk(evidenceRoot)) {
            for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder; the OS cleans it eventually
        }
        registry.deactivate();
    }
}

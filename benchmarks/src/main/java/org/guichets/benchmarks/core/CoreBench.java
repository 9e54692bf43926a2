package org.guichets.benchmarks.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.guichets.api.PluginOrigin;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.NewEvidenceFile;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueStatus;
import org.guichets.api.candidature.Step;
import org.guichets.api.catalog.ProductDraft;
import org.guichets.api.evidence.UploadPolicy;
import org.guichets.api.identity.Account;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.Address;
import org.guichets.api.identity.NewAccount;
import org.guichets.api.identity.NewOrganization;
import org.guichets.api.identity.PlatformRole;
import org.guichets.core.internal.DispositifRegistryImpl;
import org.guichets.core.internal.candidature.CandidatureEvents;
import org.guichets.core.internal.candidature.CandidatureServiceImpl;
import org.guichets.core.internal.candidature.CommitteeServiceImpl;
import org.guichets.core.internal.candidature.EvidenceServiceImpl;
import org.guichets.core.internal.candidature.FormServiceImpl;
import org.guichets.core.internal.candidature.ReferentialStore;
import org.guichets.core.internal.candidature.ReviewQueueImpl;
import org.guichets.core.internal.catalog.ProductServiceImpl;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.db.DatabaseSettings;
import org.guichets.core.internal.identity.IdentityServiceImpl;
import org.guichets.core.internal.identity.PasswordHasher;
import org.guichets.evidence.internal.FileEvidenceStore;

/**
 * Measures the core's services as the portal and the API call them, on the embedded H2 file
 * database of a default installation, outside the framework.
 *
 * <ul>
 *   <li>{@code journeys SECONDS THREADS}: complete candidatures per second: candidature, form
 *       filled, submitted and validated, 15 evidence files, 3 chapters submitted and validated,
 *       committee decision; goal ≥ 100/s.
 *   <li>{@code queue COUNT}: the reviewers' work queue over COUNT candidatures; goal p95 ≤ 50 ms.
 *   <li>{@code upload MB}: one evidence upload of MB mebibytes against a raw copy of the same file
 *       to the same disk (synced too); goal ≥ 0.7×, heap flat.
 *   <li>{@code disk SECONDS THREADS}: small files made durable per second on THREADS threads, by hand
 *       (write, sync, rename into one of 256 folders, sync the folder) and through the evidence
 *       store: the disk's ceiling for the journeys, which each keep 15 such files.
 * </ul>
 */
public final class CoreBench {

    private static final String[] SIRETS = {"73282932000074", "44306184100047", "55208131766522", "54205118000066",
            "38012986646850", "40483304800022", "99999999800001"};

    private final Path work;
    private final Database db;
    private final DispositifRegistryImpl registry = new DispositifRegistryImpl();
    private final IdentityServiceImpl identity;
    private final ProductServiceImpl products;
    private final CandidatureServiceImpl candidatures;
    private final FormServiceImpl forms;
    private final EvidenceServiceImpl evidence;
    private final CommitteeServiceImpl committee;
    private final ReviewQueueImpl queue;
    private final FileEvidenceStore store;
    private final CandidatureEvents events = new CandidatureEvents();

    private CoreBench(Path work) throws Exception {
        this.work = work;
        DatabaseSettings h2 = DatabaseSettings.h2File(work);
        db = new Database(new DatabaseSettings(h2.jdbcUrl() + System.getProperty("bench.h2", ""), h2.user(), h2.password(), h2.maxPoolSize()), CoreBench.class.getClassLoader());
        identity = new IdentityServiceImpl(db, PasswordHasher.DEFAULT);
        products = new ProductServiceImpl(db);
        ReferentialStore referentials = new ReferentialStore(registry);
        candidatures = new CandidatureServiceImpl(db, registry, referentials, events);
        store = new FileEvidenceStore(work.resolve("evidence"), 1L << 40);
        org.guichets.core.internal.candidature.EvidenceChecks checks = new org.guichets.core.internal.candidature.EvidenceChecks();
        forms = new FormServiceImpl(db, referentials, events, checks, store);
        evidence = new EvidenceServiceImpl(db, referentials, events, store, checks);
        committee = new CommitteeServiceImpl(db, referentials, events);
        queue = new ReviewQueueImpl(db);
        try (InputStream in = CoreBench.class.getResourceAsStream("/bench-scheme.json")) {
            registry.publishDescriptor(in.readAllBytes(), new PluginOrigin(1, "bench", "1", "bench"));
        }
    }

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "journeys";
        Path work = Files.createTempDirectory("guichets-corebench");
        CoreBench bench = new CoreBench(work);
        try {
            System.out.printf(Locale.ROOT, "Java %s, %d cores, max heap %d MiB, work folder %s%n", System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, work);
            switch (what) {
                case "journeys" -> bench.journeys(args.length > 1 ? Integer.parseInt(args[1]) : 20,
                        args.length > 2 ? Integer.parseInt(args[2]) : 2);
                case "queue" -> bench.queue(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
                case "upload" -> bench.upload(args.length > 1 ? Integer.parseInt(args[1]) : 500);
                case "disk" -> bench.disk(args.length > 1 ? Integer.parseInt(args[1]) : 10,
                        args.length > 2 ? Integer.parseInt(args[2]) : 4);
                default -> throw new IllegalArgumentException("journeys | queue | upload | disk");
            }
        } finally {
            bench.close();
        }
    }

    // ---- the disk's ceiling

    /** One piece of work on thread {@code t}, the {@code n}th started in the run (from 1). */
    private interface Task {
        void run(int t, long n) throws Exception;
    }

    /** Runs {@code task} over and over on {@code threads} threads for {@code seconds}; how many were done. */
    private static long onThreads(int seconds, int threads, String what, Task task) throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong done = new AtomicLong();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread w = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        task.run(me, started.incrementAndGet());
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(what + " failed", failures.get(0));
        }
        return done.get();
    }

    private void disk(int seconds, int threads) throws Exception {
        Path raw = Files.createDirectories(work.resolve("raw"));
        for (int d = 0; d < 256; d++) {
            Files.createDirectories(raw.resolve(String.format(Locale.ROOT, "%02x", d)));
        }
        byte[] body = ("%PDF-1.7\n% " + "x".repeat(1000) + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        Task byHand = (t, i) -> {
            Path folder = raw.resolve(String.format(Locale.ROOT, "%02x", (int) ((t * 7919L + i) & 0xff)));
            Path tmp = folder.resolve(t + "-" + i + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(body));
                ch.force(true);
            }
            Files.move(tmp, folder.resolve(t + "-" + i), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
                dir.force(true);
            }
        };
        Task throughStore = (t, i) -> {
            // new bytes each time: the same bytes twice would be kept once
            byte[] bytes = ("%PDF-1.7\n% " + unique.incrementAndGet() + "\n" + "x".repeat(1000) + "\n%%EOF\n")
                    .getBytes(StandardCharsets.US_ASCII);
            store.store(new ByteArrayInputStream(bytes), "preuve.pdf", new UploadPolicy(0, Set.of()));
        };
        for (int round = 0; round < 2; round++) {
            for (var w : List.of(Map.entry("by hand (write, sync, rename, sync folder)", byHand),
                    Map.entry("evidence store", throughStore))) {
                double perSecond = filesPerSecond(w.getValue(), seconds, threads);
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "disk     %d thread(s), %-42s %.0f small files/s: at most %.0f journeys/s"
                            + " (15 files each)%n", threads, w.getKey(), perSecond, perSecond / 15);
                }
            }
        }
    }

    private static double filesPerSecond(Task write, int seconds, int threads) throws InterruptedException {
        long t0 = System.nanoTime();
        long done = onThreads(seconds, threads, "a file write", write);
        return done / ((System.nanoTime() - t0) / 1e9);
    }

    // ---- journeys

    private final AtomicLong unique = new AtomicLong();

    private void journeys(int seconds, int threads) throws Exception {
        Actor reviewer = Actor.of(identity.createStaffAccount(Actor.system(), staff("reviewer"), Set.of(PlatformRole.REVIEWER)));
        Actor college = Actor.of(identity.createStaffAccount(Actor.system(), staff("college"), Set.of(PlatformRole.COMMITTEE)));
        List<Actor> companies = new ArrayList<>();
        List<Long> productIds = new ArrayList<>();
        // one company per thread, as many as there are valid SIRETs here; more threads share them
        for (int t = 0; t < Math.min(threads, SIRETS.length); t++) {
            Account m = identity.registerOrganization(new NewOrganization("Bench " + t, SIRETS[t % SIRETS.length], "5710",
                    new Address("1 rue", "75001", "Paris", "FR"), "R"), new NewAccount("m" + t + "@bench.test", "M " + t,
                    "bench password 123".toCharArray(), null));
            Actor a = Actor.of(m);
            companies.add(a);
            productIds.add(products.create(a, new ProductDraft("Produit " + t, "1", null, m.id(), "d", null, null)).id());
        }
        // warm-up: the JIT, the statement caches
        journey(companies.get(0), productIds.get(0), reviewer, college, false);
        journey(companies.get(0), productIds.get(0), reviewer, college, true);
        if (Boolean.getBoolean("bench.micro")) {
            String n = candidatures.create(companies.get(0), productIds.get(0), "bench", "desk").number();
            for (int round = 0; round < 3; round++) {
                long s0 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    candidatures.get(companies.get(0), n);
                }
                long s1 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    db.read(em -> em.find(org.guichets.core.internal.jpa.CandidatureEntity.class, 1L));
                }
                long s2 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    db.write(em -> em.find(org.guichets.core.internal.jpa.CandidatureEntity.class, 1L));
                }
                long s3 = System.nanoTime();
                for (int i = 0; i < 2000; i++) {
                    db.write(em -> {
                        org.guichets.core.internal.audit.AuditLog.append(em, Actor.system(), "bench", "x", 1, "a", 1);
                        return null;
                    });
                }
                long s4 = System.nanoTime();
                for (int i = 0; i < 500; i++) {
                    byte[] pdf = ("%PDF-1.7\n% " + unique.incrementAndGet() + "\n").getBytes(StandardCharsets.US_ASCII);
                    store.store(new ByteArrayInputStream(pdf), "x.pdf", new UploadPolicy(0, Set.of()));
                }
                long s5 = System.nanoTime();
                String u = candidatures.create(companies.get(0), productIds.get(0), "bench", "desk").number();
                AdministrativeForm uf = forms.get(companies.get(0), u);
                uf = forms.save(companies.get(0), u, uf.version(), Map.of("profiles", "A", "plannedDeposit", "2027-03-31"));
                uf = forms.submit(companies.get(0), u, uf.version());
                forms.validate(reviewer, u, uf.version());
                long s6 = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    byte[] pdf = ("%PDF-1.7\n% " + unique.incrementAndGet() + "\n").getBytes(StandardCharsets.US_ASCII);
                    evidence.upload(companies.get(0), u, "gouvernance", "GOU.01", "doc", "x.pdf", new ByteArrayInputStream(pdf));
                }
                long s7 = System.nanoTime();
                System.out.printf(Locale.ROOT, "micro us: upload %.0f%n", (s7 - s6) / 200e3);
                System.out.printf(Locale.ROOT, "micro us: get %.0f, read tx+find %.0f, write tx+find %.0f, audit append tx %.0f, store 1 KiB %.0f%n",
                        (s1 - s0) / 2e3 / 1000, (s2 - s1) / 2e3 / 1000, (s3 - s2) / 2e3 / 1000, (s4 - s3) / 2e3 / 1000, (s5 - s4) / 500e3);
            }
        }
        int warmup = Integer.getInteger("bench.warmup", 20);
        // "both": the two ways of depositing measured in alternating windows of one run (same JIT, same
        // database size, same minute of this machine), warmed up alternating journey by journey
        List<String> modes = DEPOSIT.equals("both") ? List.of("file", "chapter") : List.of(DEPOSIT);
        if (warmup > 0) {
            // the JIT compiles for tens of seconds (EclipseLink, H2): measured before, it takes a core
            long warm = runJourneys(warmup, threads, companies, productIds, reviewer, college,
                    n -> DEPOSIT.equals("both") ? n % 2 == 1 : DEPOSIT.equals("chapter"));
            System.out.printf(Locale.ROOT, "journeys warm-up: %d in %d s (not counted)%n", warm, warmup);
            phases.clear();
        }
        int rounds = modes.size() == 1 ? 1 : 3;
        Map<String, double[]> measured = new java.util.LinkedHashMap<>(); // done, seconds, CPU ms
        profile("start,event=" + System.getProperty("bench.profile.event", "cpu") + ",interval=1ms");
        for (int round = 0; round < rounds; round++) {
            for (String mode : modes) {
                long t0 = System.nanoTime();
                long cpu0 = processCpuNanos();
                long done = runJourneys(Math.max(1, seconds / (rounds * modes.size())), threads, companies, productIds,
                        reviewer, college, n -> mode.equals("chapter"));
                double[] m = measured.computeIfAbsent(mode, k -> new double[3]);
                m[0] += done;
                m[1] += (System.nanoTime() - t0) / 1e9;
                m[2] += (processCpuNanos() - cpu0) / 1e6;
            }
        }
        profile("stop,collapsed,file=" + System.getProperty("bench.profile"));
        measured.forEach((mode, m) -> {
            long done = (long) m[0];
            System.out.printf(Locale.ROOT, "journeys %d in %.1f s with %d thread(s): %.1f complete candidatures/s"
                    + " (each: 1 candidature, form 3 calls, %s, 3 submissions, 3 reviews, 1 decision)%n",
                    done, m[1], threads, done / m[1], mode.equals("chapter") ? "15 files in 3 deposits" : "15 uploads");
            System.out.printf(Locale.ROOT, "journeys CPU %.1f ms per journey (the process's, all threads: %.0f%% of %d cores)%n",
                    m[2] / Math.max(1, done), 100 * m[2] / 1e3 / m[1] / Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().availableProcessors());
        });
        if (modes.size() == 1) {
            long done = (long) measured.get(modes.get(0))[0];
            new java.util.TreeMap<>(phases).forEach((k, v) -> System.out.printf(Locale.ROOT,
                    "journeys   %-22s %.1f ms per journey%n", k.substring(2), v.get() / 1e6 / Math.max(1, done)));
        }
    }

    /**
     * Runs journeys on {@code threads} threads for {@code seconds}; the number completed. The {@code n}th
     * journey started deposits a chapter's files in one call when {@code byChapter} says so.
     */
    private long runJourneys(int seconds, int threads, List<Actor> companies, List<Long> productIds, Actor reviewer,
            Actor college, java.util.function.LongPredicate byChapter) throws InterruptedException {
        return onThreads(seconds, threads, "a journey", (t, n) -> journey(companies.get(t % companies.size()),
                productIds.get(t % companies.size()), reviewer, college, byChapter.test(n)));
    }

    /**
     * Sends a command to async-profiler when {@code -Dbench.profile=FILE} names where to write the
     * measured part's profile (collapsed stacks; {@code -Dbench.profile.event=wall} for where the threads
     * wait, cpu by default) and {@code -Dbench.profiler=libasyncProfiler.so}
     * where the library is; its jar must be on the class path. Not a dependency: looked up by name.
     */
    private static void profile(String command) {
        if (System.getProperty("bench.profile") == null) {
            return;
        }
        try {
            Class<?> type = Class.forName("one.profiler.AsyncProfiler");
            Object profiler = type.getMethod("getInstance", String.class).invoke(null, System.getProperty("bench.profiler"));
            type.getMethod("execute", String.class).invoke(profiler, command);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("async-profiler could not be used (its jar on the class path,"
                    + " -Dbench.profiler=path/to/libasyncProfiler.so): " + e, e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Time spent per phase of the journeys, in nanoseconds, to show where it goes. */
    private final Map<String, AtomicLong> phases = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * {@code -Dbench.deposit=chapter}: each chapter's five files in one call ({@code uploadAll}, as
     * the API's multi-file deposit does) rather than one call per file ({@code file}, the default, as
     * the portal's upload does); {@code both} measures the two in alternating windows of one run.
     */
    private static final String DEPOSIT = System.getProperty("bench.deposit", "file");

    private long lap(String phase, long since) {
        long now = System.nanoTime();
        phases.computeIfAbsent(phase, k -> new AtomicLong()).addAndGet(now - since);
        return now;
    }

    private void journey(Actor m, long productId, Actor reviewer, Actor college, boolean byChapter) throws IOException {
        long t = System.nanoTime();
        String n = candidatures.create(m, productId, "bench", "desk").number();
        t = lap("1 candidature", t);
        AdministrativeForm form = forms.get(m, n);
        form = forms.save(m, n, form.version(), Map.of("profiles", "A", "plannedDeposit", "2027-03-31"));
        form = forms.submit(m, n, form.version());
        forms.validate(reviewer, n, form.version());
        t = lap("2 form", t);
        for (String chapter : List.of("gouvernance", "securite", "exploitation")) {
            List<NewEvidenceFile> files = new ArrayList<>();
            for (int r = 1; r <= 5; r++) {
                String ref = chapter.toUpperCase(Locale.ROOT).substring(0, 3) + ".0" + r;
                byte[] pdf = ("%PDF-1.7\n% " + unique.incrementAndGet() + "\n" + "x".repeat(1000) + "\n%%EOF\n")
                        .getBytes(StandardCharsets.US_ASCII);
                files.add(new NewEvidenceFile(ref, "doc", "preuve-" + r + ".pdf", new ByteArrayInputStream(pdf)));
            }
            if (byChapter) {
                evidence.uploadAll(m, n, chapter, files);
            } else {
                for (NewEvidenceFile f : files) {
                    evidence.upload(m, n, chapter, f.requirementRef(), f.evidenceId(), f.fileName(), f.content());
                }
            }
            t = lap("3 uploads", t);
            ChapterView view = evidence.chapter(m, n, chapter);
            view = evidence.submit(m, n, chapter, view.progress().version());
            Map<Long, FileVerdict> verdicts = new HashMap<>();
            for (EvidenceFile f : view.files()) {
                verdicts.put(f.id(), FileVerdict.conform());
            }
            evidence.review(reviewer, n, chapter, view.progress().version(), verdicts);
            t = lap("4 submit and review", t);
        }
        committee.decide(college, n, DecisionOutcome.FAVOURABLE, "Conforme", List.of());
        lap("5 decision", t);
    }

    private static NewAccount staff(String name) {
        return new NewAccount(name + "@agence.test", name, "bench password 123".toCharArray(), null);
    }

    // ---- work queue

    /** A candidate's action on candidature {@code 10 000 + i}: its queue row's activity time moves on. */
    private void touch(int i) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement p = c.prepareStatement(
                "UPDATE review_queue SET candidate_active_at = CURRENT_TIMESTAMP WHERE candidature_id = ?")) {
            p.setLong(1, 10_000L + i);
            p.executeUpdate();
            c.commit();
        }
    }

    private void queue(int count) throws Exception {
        Actor reviewer = Actor.of(identity.createStaffAccount(Actor.system(), staff("reviewer"), Set.of(PlatformRole.REVIEWER)));
        long t0 = System.nanoTime();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO organization VALUES (1, 'Bench', '73282932000074', '5710', 'rue', '75001', 'Paris', 'FR', 'R',"
                        + " CURRENT_TIMESTAMP, 1)");
                s.execute("INSERT INTO account (id, email, display_name, password_hash, organization_id, organization_role, platform_roles, status, created_at, version) VALUES (2, 'b@bench.test', 'B', 'x', 1, 'MANDATAIRE', '', 'ACTIVE', CURRENT_TIMESTAMP, 1)");
                s.execute("INSERT INTO product VALUES (3, 1, 'Produit', '1', NULL, 2, 'd', NULL, 'NONE', 'produit', 1)");
            }
            Random random = new Random(42);
            String[] guichets = {"editeur", "operateur"};
            String[] steps = {"FORM", "EVIDENCE", "HABILITATION"};
            try (PreparedStatement p = c.prepareStatement("INSERT INTO candidature (id, candidature_number, organization_id,"
                    + " product_id, dispositif_id, guichet_id, nru, referential_version, created_at, created_by, form_state,"
                    + " evidence_state, habilitation_state, version)"
                    + " VALUES (?, ?, 1, 3, ?, ?, '12345678903', 'v1', ?, 2, 'VALIDATED', 'IN_PROGRESS', 'LOCKED', 1)");
                    PreparedStatement q = c.prepareStatement("INSERT INTO review_queue (candidature_id, review_step, waiting_since,"
                            + " dispositif_id, guichet_id, with_candidate, assignee_id, candidate_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                for (int i = 0; i < count; i++) {
                    String dispositif = i % 3 == 0 ? "segur" : "edc-psc";
                    String guichet = guichets[i % 2];
                    p.setLong(1, 10_000 + i);
                    p.setString(2, String.format(Locale.ROOT, "%010d", i).chars().mapToObj(ch -> String.valueOf((char) ('A' + ch - '0')))
                            .reduce("", String::concat));
                    p.setString(3, dispositif);
                    p.setString(4, guichet);
                    p.setObject(5, now.minusMinutes(random.nextInt(60 * 24 * 90)));
                    p.addBatch();
                    int turn = random.nextInt(10);
                    if (turn < 6) {
                        // 30 % the agency's turn, 30 % the candidate's; a tenth of them held by the reviewer
                        boolean withCandidate = turn >= 3;
                        q.setLong(1, 10_000 + i);
                        q.setString(2, withCandidate ? steps[random.nextInt(2)] : steps[random.nextInt(3)]);
                        q.setObject(3, now.minusMinutes(random.nextInt(60 * 24 * 30)));
                        q.setString(4, dispositif);
                        q.setString(5, guichet);
                        q.setBoolean(6, withCandidate);
                        q.setObject(7, random.nextInt(10) == 0 ? reviewer.accountId() : null);
                        q.setObject(8, now.minusMinutes(random.nextInt(60 * 24 * 60)));
                        q.addBatch();
                    }
                    if (i % 5000 == 4999) {
                        p.executeBatch();
                        q.executeBatch();
                    }
                }
                p.executeBatch();
                q.executeBatch();
            }
            c.commit();
        }
        System.out.printf(Locale.ROOT, "queue    %d candidatures loaded in %.1f s (30%% the agency's turn, 30%% the candidate's)%n", count, (System.nanoTime() - t0) / 1e9);
        if (Boolean.getBoolean("bench.explain")) {
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                for (String sql : List.of(
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM')",
                        "EXPLAIN SELECT candidature_id FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM') ORDER BY waiting_since, candidature_id LIMIT 50 OFFSET 100",
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = TRUE AND review_step IN ('EVIDENCE', 'FORM')",
                        "EXPLAIN SELECT candidature_id FROM review_queue WHERE with_candidate = TRUE AND review_step IN ('EVIDENCE', 'FORM') ORDER BY candidate_active_at, candidature_id LIMIT 50",
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM') AND assignee_id = " + reviewer.accountId(),
                        "EXPLAIN SELECT candidature_id FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM') AND assignee_id = " + reviewer.accountId() + " ORDER BY waiting_since, candidature_id LIMIT 50",
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM') AND assignee_id IS NULL",
                        "EXPLAIN SELECT candidature_id FROM review_queue WHERE with_candidate = FALSE AND review_step IN ('EVIDENCE', 'FORM') AND assignee_id IS NULL ORDER BY waiting_since, candidature_id LIMIT 50",
                        // what the service runs for a reviewer on H2 (its steps written as the one they are not)
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = FALSE AND review_step <> 'HABILITATION' AND assignee_id IS NULL",
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = FALSE AND review_step <> 'HABILITATION' AND dispositif_id = 'edc-psc' AND guichet_id = 'editeur'",
                        "EXPLAIN SELECT candidature_id FROM review_queue USE INDEX (review_queue_order) WHERE with_candidate = FALSE AND review_step = 'FORM' AND dispositif_id = 'segur' ORDER BY waiting_since DESC, candidature_id DESC LIMIT 50 OFFSET 100",
                        "EXPLAIN SELECT candidature_id FROM review_queue USE INDEX (review_queue_order) WHERE with_candidate = FALSE AND review_step <> 'HABILITATION' AND assignee_id IS NULL ORDER BY waiting_since ASC, candidature_id ASC LIMIT 50 OFFSET 100",
                        "EXPLAIN SELECT COUNT(*) FROM review_queue WHERE with_candidate = TRUE AND review_step <> 'HABILITATION'",
                        "EXPLAIN SELECT candidature_id FROM review_queue USE INDEX (review_queue_activity) WHERE with_candidate = TRUE AND review_step <> 'HABILITATION' ORDER BY candidate_active_at ASC, candidature_id ASC LIMIT 50 OFFSET 100")) {
                    try (var rs = st.executeQuery(sql)) {
                        rs.next();
                        System.out.println(rs.getString(1).replace('\n', ' '));
                    }
                    long spent = 0;
                    for (int i = 0; i < 50; i++) {
                        touch(i); // without a write in between, H2 would answer from the previous result
                        long t1 = System.nanoTime();
                        try (var rs = st.executeQuery(sql.substring("EXPLAIN ".length()))) {
                            while (rs.next()) {
                                rs.getObject(1);
                            }
                        }
                        spent += System.nanoTime() - t1;
                    }
                    System.out.printf(Locale.ROOT, "  plain JDBC: %.1f ms per run%n", spent / 50e6);
                }
            }
        }
        List<QueueFilter> filters = List.of(QueueFilter.all(), new QueueFilter("edc-psc", "editeur", null, null, true),
                new QueueFilter(null, null, Step.EVIDENCE, Duration.ofDays(7), true), new QueueFilter("segur", null, Step.FORM, null, false),
                new QueueFilter(null, null, null, null, true, QueueStatus.CANDIDATE, null, QueueFilter.Sort.CANDIDATE_SILENCE),
                new QueueFilter(null, null, null, null, true, null, QueueFilter.Assignment.MINE, null),
                new QueueFilter(null, null, null, null, true, null, QueueFilter.Assignment.UNASSIGNED, null));
        // the JIT: a server answers the queue all day; measured cold, compilation takes a core
        long warmEnd = System.nanoTime() + Duration.ofSeconds(Integer.getInteger("bench.warmup", 20)).toNanos();
        int warm = 0;
        for (int i = 0; i < 50 || System.nanoTime() < warmEnd; i++, warm++) {
            touch(i % count);
            queue.queue(reviewer, filters.get(i % filters.size()), (i % 5) * 50, 50);
        }
        System.out.printf(Locale.ROOT, "queue    warm-up: %d queries (not counted)%n", warm);
        List<Double> times = new ArrayList<>();
        Map<Integer, List<Double>> byFilter = new java.util.TreeMap<>();
        // a candidate acts between two queries, as on a working day: without any write, H2 answers a
        // repeated query from its previous result and the figure means nothing
        Random touches = new Random(7);
        for (int i = 0; i < 400; i++) {
            touch(touches.nextInt(count));
            long s = System.nanoTime();
            queue.queue(reviewer, filters.get(i % filters.size()), (i % 5) * 50, 50);
            double ms = (System.nanoTime() - s) / 1e6;
            times.add(ms);
            byFilter.computeIfAbsent(i % filters.size(), k -> new ArrayList<>()).add(ms);
        }
        Collections.sort(times);
        byFilter.forEach((k, list) -> {
            Collections.sort(list);
            System.out.printf(Locale.ROOT, "queue      filter %d %s: p50 %.1f ms, max %.1f ms%n", k, filters.get(k), list.get(list.size() / 2),
                    list.get(list.size() - 1));
        });
        System.out.printf(Locale.ROOT, "queue    work-queue page of 50 over %d candidatures, 7 filters, 400 queries: p50 %.1f ms,"
                + " p95 %.1f ms, max %.1f ms (goal p95 <= 50 ms)%n", count, times.get(199), times.get(379), times.get(399));
    }

    // ---- upload

    private void upload(int megabytes) throws Exception {
        Path source = work.resolve("source.bin");
        Random random = new Random(7);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(source)) {
            for (int i = 0; i < megabytes; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        double raw = Double.MAX_VALUE;
        double stored = Double.MAX_VALUE;
        long peakDuringUpload = 0;
        for (int round = 0; round < 3; round++) {
            Path copy = work.resolve("copy-" + round + ".bin");
            long t0 = System.nanoTime();
            Files.copy(source, copy);
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            raw = Math.min(raw, (System.nanoTime() - t0) / 1e9);
            Files.delete(copy);

            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            long[] peak = {baseline};
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.start();
            t0 = System.nanoTime();
            String sha;
            try (InputStream in = Files.newInputStream(source)) {
                sha = store.store(in, "gros-fichier.bin", new UploadPolicy(0, Set.of())).sha256();
            }
            stored = Math.min(stored, (System.nanoTime() - t0) / 1e9);
            sampler.interrupt();
            sampler.join();
            peakDuringUpload = Math.max(peakDuringUpload, peak[0] - baseline);
            store.delete(sha);
        }
        double mb = megabytes;
        System.out.printf(Locale.ROOT, "upload   %d MiB: raw copy + sync %.2f s (%.0f MiB/s), evidence store (SHA-256, sniff, sync,"
                + " atomic rename) %.2f s (%.0f MiB/s): %.2fx the raw copy (goal >= 0.7x); best of 3%n",
                megabytes, raw, mb / raw, stored, mb / stored, raw / stored);
        System.out.printf(Locale.ROOT, "upload   heap growth while uploading (sampled every 5 ms): at most %.1f MiB for a %d MiB file%n",
                peakDuringUpload / 1048576.0, megabytes);
    }

    private void close() throws Exception {
        events.close();
        db.close();
        registry.deactivate();
        if (Boolean.getBoolean("bench.keep")) {
            // removing tens of thousands of files slows the next run's file creations down for minutes on
            // ext4 without a journal (docs/benchmarks.md §3): benchmarks/run removes them once done
            System.out.printf(Locale.ROOT, "work folder kept: %s%n", work);
            return;
        }
        try (var files = Files.walk(work)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

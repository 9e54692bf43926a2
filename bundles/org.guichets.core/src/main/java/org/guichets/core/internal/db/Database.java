package org.guichets.core.internal.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.GuichetsException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's database: a connection pool, the schema migrations, and EclipseLink's entity manager
 * factory for the {@code guichets} persistence unit; and the one way the services run a
 * transaction.
 *
 * <p>In the framework it is a DS component configured by framework properties ({@code
 * guichets.db.url}, {@code guichets.db.user}, the password from the file named by {@code
 * guichets.db.passwordFile} or the environment variable {@code GUICHETS_DB_PASSWORD}); without a
 * URL, an H2 file database under {@code guichets.data.dir}. Thread-safe.
 */
@Component(service = Database.class)
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /**
     * How long an entity of the shared cache (products, accounts, forms: {@code @Cacheable}) is
     * used before it is read again: this process sees its own changes at once, and a change
     * another process made to the same database (an account disabled) within this time. A row read
     * by a query replaces the cached entity only if its version is newer ({@code refreshOnlyIfNewer}):
     * a transaction that read the row just before another's commit cannot put the older row back.
     */
    public static final int CACHE_EXPIRY_MILLIS = 60_000;
    static final String UNIT = "guichets";

    private final HikariDataSource pool;
    /** Turns to hold a connection (see {@link #admit}). */
    private final java.util.concurrent.Semaphore admission;
    private final ThreadLocal<Boolean> inside = new ThreadLocal<>();
    private final EntityManagerFactory emf;
    private final boolean h2;

    /** Opens the database described by the framework properties. */
    @Activate
    public Database(BundleContext context) throws SQLException, IOException {
        this(settingsFrom(context), Database.class.getClassLoader());
    }

    /**
     * Opens a database: pool, migrations, persistence unit.
     *
     * @param loader the class loader that sees the entities, {@code META-INF/persistence.xml} and
     *     the migration scripts
     */
    public Database(DatabaseSettings settings, ClassLoader loader) throws SQLException, IOException {
        this.h2 = settings.isH2();
        HikariConfig config = new HikariConfig();
        config.setDataSource(vendorDataSource(settings));
        // one connection more than transactions admitted at once (see admit): two at the least
        int connections = Math.max(2, settings.maxPoolSize());
        config.setMaximumPoolSize(connections);
        this.admission = new java.util.concurrent.Semaphore(connections - 1);
        config.setPoolName("guichets-db");
        config.setAutoCommit(false);
        this.pool = new HikariDataSource(config);
        try {
            int applied = new Migrator(pool, loader).migrate();
            Map<String, Object> props = new HashMap<>();
            props.put("jakarta.persistence.nonJtaDataSource", pool);
            props.put("eclipselink.classloader", loader);
            props.put("eclipselink.weaving", "false");
            props.put("eclipselink.logging.logger", "JavaLogger");
            props.put("eclipselink.logging.level", "WARNING");
            // reuse prepared statements: the services run the same few dozen statements all day
            props.put("eclipselink.jdbc.cache-statements", "true");
            // one connection per entity manager, for its reads too: otherwise EclipseLink runs each read
            // before the transaction's first write on a connection of its own, taken from the pool and
            // given back (and rolled back) after one statement, outside the transaction's snapshot
            props.put("eclipselink.transaction.join-existing", "true");
            props.put("eclipselink.jdbc.exclusive-connection.mode", "Always");
            props.put("eclipselink.jdbc.cache-statements.size", "200");
            this.emf = new PersistenceProvider().createEntityManagerFactory(UNIT, props);
            if (emf == null) {
                throw new IllegalStateException("EclipseLink found no persistence unit '" + UNIT + "'");
            }
            LOG.info("Database ready: {} ({} migration(s) applied)", settings, applied);
        } catch (SQLException | IOException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * The H2 URL with the reuse of query results off, unless it sets it: H2 (2.3.232) answers a
     * query run again on a connection from its previous result when it sees no table changed since,
     * and so misses a row another transaction committed in between (a product's first candidatures
     * made at once: the NRU read again after the product's lock was still missing, and a second NRU
     * broke the unique key one round in a few dozen; plain JDBC shows it too, never with the reuse off).
     */
    static String h2Url(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains("OPTIMIZE_REUSE_RESULTS") ? url
                : url + ";OPTIMIZE_REUSE_RESULTS=0";
    }

    private static DataSource vendorDataSource(DatabaseSettings s) {
        if (s.isH2()) {
            org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(h2Url(s.jdbcUrl()));
            ds.setUser(s.user());
            ds.setPassword(new String(s.password()));
            return ds;
        }
        if (s.isPostgres()) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setURL(s.jdbcUrl());
            ds.setUser(s.user());
            ds.setPassword(new String(s.password()));
            return ds;
        }
        throw new IllegalArgumentException("unsupported database URL (H2 or PostgreSQL): " + s.jdbcUrl().split(":", 3)[1]);
    }

    static DatabaseSettings settingsFrom(BundleContext context) throws IOException {
        String url = context.getProperty("guichets.db.url");
        if (url == null || url.isBlank()) {
            String dataDir = context.getProperty("guichets.data.dir");
            if (dataDir == null) {
                throw new IllegalStateException("neither guichets.db.url nor guichets.data.dir is set");
            }
            return DatabaseSettings.h2File(Path.of(dataDir));
        }
        char[] password = new char[0];
        String passwordFile = context.getProperty("guichets.db.passwordFile");
        if (passwordFile != null && !passwordFile.isBlank()) {
            password = Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip().toCharArray();
        } else if (System.getenv("GUICHETS_DB_PASSWORD") != null) {
            password = System.getenv("GUICHETS_DB_PASSWORD").toCharArray();
        }
        String pool = context.getProperty("guichets.db.poolSize");
        return new DatabaseSettings(url, context.getProperty("guichets.db.user"), password,
                pool == null ? 10 : Integer.parseInt(pool));
    }

    /** SHA-256 of {@code bytes}, hex. */
    public static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Whether this is H2 (which takes index hints in native SQL) rather than PostgreSQL. */
    public boolean isH2() {
        return h2;
    }

    /**
     * A pooled JDBC connection, for tools that load data in bulk; the caller closes it. Taken outside
     * the transactions' turns (see {@link #admit}): not for the services.
     */
    public java.sql.Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /** The open write transactions, by entity manager: what each runs last and once it ended. */
    private static final Map<EntityManager, Open> OPEN = new ConcurrentHashMap<>();

    /** A write transaction under way: its database, what it runs last (in the order first asked for), then at its end. */
    private record Open(Database db, Map<Object, Last<?>> last, List<Consumer<Boolean>> ends) {}

    /** A state and the action that writes it when the transaction ends. */
    private record Last<S>(S state, BiConsumer<EntityManager, S> action) {
        void run(EntityManager em) {
            action.accept(em, state);
        }
    }

    /** What this database keeps for its whole life, by key (see {@link #kept}). */
    private final Map<Class<?>, Object> kept = new ConcurrentHashMap<>();

    private static Open open(EntityManager em) {
        Open open = OPEN.get(em);
        if (open == null) {
            throw new IllegalStateException("only a transaction of Database.write can do this");
        }
        return open;
    }

    /**
     * The state {@code key} keeps in {@code em}'s write transaction, made the first time it is asked
     * for; {@code action} then runs with it just before the transaction commits, after the work
     * returned. What must be locked after every other row the transaction writes goes there: the
     * audit trail's head, so that no transaction holds it while it waits for another row. An action
     * asked for after the audit trail's holds the trail's lock (a lock of this process, which no
     * database sees): it must not wait for a row another transaction holds, nor append to the trail.
     *
     * @throws IllegalStateException if {@code em} is not that of a {@link #write} under way
     */
    public static <S> S last(EntityManager em, Object key, Supplier<S> state, BiConsumer<EntityManager, S> action) {
        @SuppressWarnings("unchecked")
        Last<S> last = (Last<S>) open(em).last().computeIfAbsent(key, k -> new Last<>(state.get(), action));
        return last.state();
    }

    /**
     * Runs {@code end} once {@code em}'s write transaction has ended, with {@code true} if it
     * committed and {@code false} if it rolled back or its commit failed (then it may or may not
     * have been applied); {@code end} must not throw. For what a transaction holds until it ends.
     *
     * @throws IllegalStateException if {@code em} is not that of a {@link #write} under way
     */
    public static void atEnd(EntityManager em, Consumer<Boolean> end) {
        open(em).ends().add(end);
    }

    /**
     * What the database of {@code em}'s write transaction keeps under {@code type}, made by {@code
     * make} the first time: state shared by every transaction of that database (and only of it).
     *
     * @throws IllegalStateException if {@code em} is not that of a {@link #write} under way
     */
    public static <T> T kept(EntityManager em, Class<T> type, Supplier<T> make) {
        return type.cast(open(em).db().kept.computeIfAbsent(type, k -> make.get()));
    }

    /** Runs {@code work} in a read-write transaction, committed if it returns, rolled back if it throws. */
    public <T> T write(Function<EntityManager, T> work) {
        boolean admitted = admit();
        try {
            return admittedWrite(work);
        } finally {
            leave(admitted);
        }
    }

    /**
     * Waits for a turn to hold a connection: at most one less than the pool has at once, so that
     * EclipseLink always finds one to draw the next block of identifiers while every other
     * transaction holds its own (otherwise a transaction drawing the next block waited for a second
     * connection while holding the sequence's lock, which the transactions holding every other
     * connection waited for: all stuck until the pool's timeout, seen with 10 bench threads on a
     * pool of 8). A transaction run inside another on the same thread has the turn already (and
     * takes a connection outside the count: nothing does so today). The wait is bounded like the
     * pool's own.
     *
     * @throws IllegalStateException if no turn came within the pool's connection timeout, or the
     *     thread was interrupted while waiting
     */
    private boolean admit() {
        if (inside.get() != null) {
            return false;
        }
        try {
            if (!admission.tryAcquire(pool.getConnectionTimeout(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no database connection free within " + pool.getConnectionTimeout()
                        + " ms: every connection is held by a transaction");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a database connection", e);
        }
        inside.set(Boolean.TRUE);
        return true;
    }

    private void leave(boolean admitted) {
        if (admitted) {
            inside.remove();
            admission.release();
        }
    }

    private <T> T admittedWrite(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        OptimisticLockException lost;
        Open open = new Open(this, new LinkedHashMap<>(), new ArrayList<>(1));
        OPEN.put(em, open);
        boolean committed = false;
        try {
            tx.begin();
            T result = work.apply(em);
            for (Last<?> l : List.copyOf(open.last().values())) {
                l.run(em);
            }
            tx.commit();
            committed = true;
            return result;
        } catch (OptimisticLockException e) {
            lost = e;
        } catch (RollbackException e) {
            if (!(e.getCause() instanceof OptimisticLockException ole)) {
                throw e;
            }
            lost = ole;
        } finally {
            OPEN.remove(em);
            try {
                if (tx.isActive()) {
                    tx.rollback();
                }
            } finally {
                for (Consumer<Boolean> end : open.ends()) {
                    try {
                        end.accept(committed);
                    } catch (RuntimeException e) {
                        LOG.error("An action at the end of a transaction failed", e);
                    }
                }
                em.close();
            }
        }
        // after the failed transaction gave its connection back: reading the stored version takes one
        throw conflict(lost);
    }

    /**
     * Runs {@code work} in a read-only transaction, all its reads on one connection. Whatever it
     * changed in the persistence context is dropped, never written; the transaction then ends with a
     * commit of nothing, because a rollback also empties H2's cache of parsed statements for the
     * connection (every statement would be parsed again).
     */
    public <T> T read(Function<EntityManager, T> work) {
        boolean admitted = admit();
        try {
            return admittedRead(work);
        } finally {
            leave(admitted);
        }
    }

    private <T> T admittedRead(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            em.clear();
            tx.commit();
            return result;
        } finally {
            try {
                if (tx.isActive()) {
                    tx.rollback();
                }
            } finally {
                em.close();
            }
        }
    }

    /** The conflict another transaction's commit caused, with the version now stored. */
    private GuichetsException conflict(OptimisticLockException e) {
        Object entity = e.getEntity();
        if (entity == null && e.getCause() instanceof org.eclipse.persistence.exceptions.OptimisticLockException ole) {
            entity = ole.getObject();
        }
        if (entity instanceof Versioned v) {
            long stored = v.version() + 1;
            EntityManager em = emf.createEntityManager();
            try {
                Object fresh = em.find(entity.getClass(), emf.getPersistenceUnitUtil().getIdentifier(entity));
                if (fresh instanceof Versioned current) {
                    stored = current.version();
                }
            } catch (RuntimeException unreadable) {
                // keep the estimate: the conflict itself is what matters
            } finally {
                em.close();
            }
            return new ConflictException(v.kind(), v.key(), v.version(), stored);
        }
        return new ConflictException("record", "?", -1, -1);
    }

    @Deactivate
    @Override
    public void close() {
        if (emf.isOpen()) {
            emf.close();
        }
        pool.close();
    }
}

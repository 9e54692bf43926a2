package org.guichets.core.internal.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.guichets.core.internal.db.Database;
import org.guichets.core.internal.jpa.AuditEntryEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains the audit trail: moves the entries committed transactions recorded ({@code audit_pending})
 * into the chain ({@code audit_entry}), numbered and hashed in the order of their id, many at a time
 * in one transaction of its own. Writers thus never take turns on the chain's head: a transaction
 * records its entries as plain rows, which commit or roll back with the change they record, and
 * wakes the sequencer once it committed.
 *
 * <p>One per database, on a thread of its own: an entry waits a few milliseconds to be chained.
 * {@link #chainPending} chains at once, in the caller's thread, whatever committed before it (the
 * trail's history and verification call it first, and tests). Each pass locks the head row before it
 * reads the pending entries, so that passes of several processes on one database go one at a time
 * and never chain an entry twice; entries a stopped process left are chained by the next pass of
 * any. Thread-safe.
 */
public final class AuditSequencer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSequencer.class);
    /** The most entries one pass chains in one transaction. */
    static final int BATCH = 500;
    /** How long a wake-up waits for more commits, so that a pass chains several transactions' entries. */
    static final long DELAY_MILLIS = 5;
    /** How long after a failed pass the next one is tried, without a new commit to wake it. */
    static final long RETRY_MILLIS = 2_000;

    private final Database db;
    private final ReentrantLock passes = new ReentrantLock();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong failed = new AtomicLong();
    /** Opened at the first pass, kept; closed and opened again after a failure. */
    private Link link;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "guichets-audit-sequencer");
        t.setDaemon(true);
        return t;
    });

    AuditSequencer(Database db) {
        this.db = db;
    }

    /** The sequencer of {@code db}'s trail. */
    public static AuditSequencer of(Database db) {
        return db.kept(AuditSequencer.class, AuditSequencer::new);
    }

    /** Asks for a pass soon: a transaction that recorded entries committed. */
    void wake() {
        schedule(DELAY_MILLIS);
    }

    private void schedule(long millis) {
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::background, millis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                // closing: its last pass chains what is left
                scheduled.set(false);
            }
        }
    }

    private void background() {
        // cleared first: a commit from now on schedules another pass, this one may miss it
        scheduled.set(false);
        try {
            chainPending();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Audit entries could not be chained yet; tried again in {} ms", RETRY_MILLIS, e);
            schedule(RETRY_MILLIS);
        }
    }

    /**
     * Chains every entry whose transaction committed before this call; answers how many it chained.
     *
     * @throws SQLException if the database refused: the entries stay where they are, for the next pass
     */
    public int chainPending() throws SQLException {
        passes.lock();
        try {
            if (link == null) {
                link = new Link(db.ownConnection());
            }
            int chained = 0;
            int n;
            do {
                n = pass(link);
                chained += n;
            } while (n == BATCH);
            return chained;
        } catch (SQLException | RuntimeException e) {
            failed.incrementAndGet();
            if (link != null) {
                // rolled back, or the connection lost: the next pass starts on a fresh one
                link.close();
                link = null;
            }
            throw e;
        } finally {
            passes.unlock();
        }
    }

    /**
     * The sequencer's connection and its statements, prepared once (a pass runs several times a
     * second under load); used under the {@code passes} lock only.
     */
    private static final class Link implements AutoCloseable {
        final Connection c;
        final PreparedStatement any;
        final PreparedStatement lock;
        final PreparedStatement head;
        final PreparedStatement pending;
        final PreparedStatement insert;
        final PreparedStatement delete;
        final PreparedStatement move;

        Link(Connection c) throws SQLException {
            this.c = c;
            try {
                any = c.prepareStatement("SELECT id FROM audit_pending FETCH FIRST 1 ROWS ONLY");
                lock = c.prepareStatement("UPDATE audit_head SET last_seq = last_seq WHERE id = 1");
                head = c.prepareStatement("SELECT last_seq, last_hash FROM audit_head WHERE id = 1");
                pending = c.prepareStatement("SELECT id, occurred_at, actor_id, actor_name, action_name, subject_type,"
                        + " subject_id, details FROM audit_pending ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY");
                insert = c.prepareStatement("INSERT INTO audit_entry (seq, occurred_at, actor_id, actor_name, action_name,"
                        + " subject_type, subject_id, details, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                delete = c.prepareStatement("DELETE FROM audit_pending WHERE id = ?");
                move = c.prepareStatement("UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1");
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is closed next, which ends its transaction anyway
            }
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing the audit sequencer's connection failed", e);
            }
        }
    }

    /** Chains up to {@link #BATCH} pending entries in one transaction; how many. */
    private static int pass(Link l) throws SQLException {
        try (ResultSet r = l.any.executeQuery()) {
            if (!r.next()) {
                // nothing waits (read without a lock): a pass with nothing to do locks nothing
                l.c.commit();
                return 0;
            }
        }
        // the head locked first (another process's pass waits here, then reads what this one left)
        l.lock.executeUpdate();
        long seq;
        String previous;
        try (ResultSet r = l.head.executeQuery()) {
            r.next();
            seq = r.getLong(1);
            previous = r.getString(2).strip();
        }
        int n = 0;
        try (ResultSet r = l.pending.executeQuery()) {
            while (r.next()) {
                AuditEntryEntity e = new AuditEntryEntity();
                long id = r.getLong(1);
                e.occurredAt = r.getObject(2, OffsetDateTime.class);
                e.actorId = r.getLong(3);
                e.actorName = r.getString(4);
                e.action = r.getString(5);
                e.subjectType = r.getString(6);
                e.subjectId = r.getString(7);
                e.details = r.getString(8);
                e.seq = ++seq;
                e.previousHash = previous;
                e.hash = AuditLog.hash(e);
                previous = e.hash;
                l.insert.setLong(1, e.seq);
                l.insert.setObject(2, e.occurredAt);
                l.insert.setLong(3, e.actorId);
                l.insert.setString(4, e.actorName);
                l.insert.setString(5, e.action);
                l.insert.setString(6, e.subjectType);
                l.insert.setString(7, e.subjectId);
                l.insert.setString(8, e.details);
                l.insert.setString(9, e.previousHash);
                l.insert.setString(10, e.hash);
                l.insert.addBatch();
                l.delete.setLong(1, id);
                l.delete.addBatch();
                n++;
            }
        }
        if (n > 0) {
            l.insert.executeBatch();
            l.delete.executeBatch();
            l.move.setLong(1, seq);
            l.move.setString(2, previous);
            l.move.executeUpdate();
        }
        l.c.commit();
        return n;
    }

    /**
     * How many passes failed since this sequencer started (the database refused: a lost connection,
     * or two passes chaining at once, which the head's lock prevents and the entry numbers' key
     * would refuse).
     */
    public long failedPasses() {
        return failed.get();
    }

    /** Stops the thread, then chains what is left (the database is still open). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The audit sequencer did not stop within 10 s");
            }
            chainPending();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Audit entries left to chain at the next start", e);
        } finally {
            passes.lock();
            try {
                if (link != null) {
                    link.close();
                    link = null;
                }
            } finally {
                passes.unlock();
            }
        }
    }
}

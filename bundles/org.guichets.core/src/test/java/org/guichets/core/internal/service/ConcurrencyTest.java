package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.guichets.api.audit.AuditVerification;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.catalog.Product;
import org.guichets.api.error.ConflictException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.guichets.core.internal.notification.Outbox;
import org.junit.Test;

/** Concurrent edits and writes, on H2 and PostgreSQL: no silent overwrite, no forked audit chain. */
public class ConcurrencyTest extends ServiceTestBase {

    @Test
    public void twoPeopleSavingTheSameVersionAtOnceGiveOneSaveAndOneConflict() throws Exception {
        Actor m = f.company("Acme");
        Actor responsable = f.member(m, OrganizationRole.RESPONSABLE);
        Product p = f.product(m, "Agenda");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                long version = f.products.get(m, p.id()).version();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> results = new ArrayList<>();
                for (Actor a : List.of(m, responsable)) {
                    String name = "Agenda par " + a.accountId() + " #" + round;
                    results.add(pool.submit(() -> {
                        start.await();
                        try {
                            return f.products.update(a, p.id(), version, Fixture.draft(name, m.accountId())).name();
                        } catch (ConflictException e) {
                            return e.currentVersion() == version + 1 ? "conflict" : "conflict with a wrong version " + e.currentVersion();
                        }
                    }));
                }
                start.countDown();
                List<String> outcomes = new ArrayList<>();
                for (Future<String> r : results) {
                    outcomes.add(r.get(30, TimeUnit.SECONDS));
                }
                assertEquals("round " + round + ": " + outcomes, 1, Collections.frequency(outcomes, "conflict"));
                String saved = outcomes.stream().filter(o -> !o.equals("conflict")).findFirst().orElseThrow();
                Product now = f.products.get(m, p.id());
                assertEquals("the winner's save is what is stored", saved, now.name());
                assertEquals(version + 1, now.version());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void concurrentWritersNeverForkTheAuditChain() throws Exception {
        List<Actor> companies = List.of(f.company("Un"), f.company("Deux"), f.company("Trois"), f.company("Quatre"));
        long before = count("audit_entry");
        createProductsAtOnce(companies, 15, () -> {});
        assertEquals(before + 60, count("audit_entry"));
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
        assertEquals(count("audit_entry"), v.entries());
    }

    @Test
    public void moreWritersThanConnectionsAllGetThroughWhileIdentifiersAreDrawn() throws Exception {
        // as many transactions as the pool has connections (4) holding their own from a first read, and
        // as many again persisting before any statement, all together rows whose identifiers come from
        // the shared sequence, several blocks (50 each): one of the latter drawing a block needs a
        // connection while the holders wait for its block
        int threads = 8;
        int rows = 60;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean holder = t < 4;
                done.add(pool.submit(() -> f.db.write(em -> {
                    if (holder) {
                        em.createNativeQuery("SELECT COUNT(*) FROM mail_outbox").getSingleResult();
                    }
                    try {
                        // all holding a connection at once, if they may (they may not: one waits its turn)
                        together.await(3, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.BrokenBarrierException e) {
                        // fewer of them at once: what the database admits
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    for (int r = 0; r < rows; r++) {
                        Outbox.mailTo(em, "foule@example.test", "fr", "test.crowd", java.util.Map.of());
                    }
                    return null;
                })));
            }
            for (Future<?> d : done) {
                // a transaction left waiting for a connection fails after the pool's 30 s timeout
                d.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * rows, count("mail_outbox WHERE template = 'test.crowd'"));
    }

    @Test
    public void verifyingTheTrailWhileOthersAppendFindsItIntact() throws Exception {
        List<Actor> companies = List.of(f.company("Un"), f.company("Deux"), f.company("Trois"));
        int[] verifications = {0};
        createProductsAtOnce(companies, 30, () -> {
            AuditVerification v = f.audit.verify(Actor.system());
            assertTrue("verification " + verifications[0] + ": " + v.problem(), v.intact());
            verifications[0]++;
        });
        assertTrue("the verifications ran while entries were appended", verifications[0] > 0);
        AuditVerification last = f.audit.verify(Actor.system());
        assertTrue(last.problem(), last.intact());
        assertEquals(count("audit_entry"), last.entries());
    }

    @Test
    public void R06_aProductsFirstCandidaturesMadeAtOnceAllGetItsOneNru() throws Exception {
        Actor m = f.company("Acme");
        int atOnce = 6;
        ExecutorService pool = Executors.newFixedThreadPool(atOnce);
        try {
            for (int round = 0; round < 20; round++) {
                Product p = f.product(m, "Agenda " + round);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Candidature>> results = new ArrayList<>();
                for (int i = 0; i < atOnce; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return f.candidatures.create(m, p.id(), "edc-psc", "editeur");
                    }));
                }
                start.countDown();
                Set<String> nrus = new HashSet<>();
                Set<String> numbers = new HashSet<>();
                for (Future<Candidature> r : results) {
                    Candidature c = r.get(60, TimeUnit.SECONDS); // none refused
                    nrus.add(c.nru());
                    numbers.add(c.number());
                }
                assertEquals("round " + round + ": one NRU for the product in the scheme", 1, nrus.size());
                assertEquals(atOnce, numbers.size());
                assertEquals(nrus.iterator().next(), f.candidatures.nru(m, p.id(), "edc-psc").orElseThrow());
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerification v = f.audit.verify(Actor.system());
        assertTrue(v.problem(), v.intact());
    }

    /** Each company creates {@code each} products on a thread of its own; {@code meanwhile} runs over and over until all are done. */
    private void createProductsAtOnce(List<Actor> companies, int each, Runnable meanwhile) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(companies.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Actor a : companies) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        f.product(a, "Produit " + i);
                    }
                    return null;
                }));
            }
            while (work.stream().anyMatch(w -> !w.isDone())) {
                meanwhile.run();
                Thread.sleep(1);
            }
            for (Future<?> w : work) {
                w.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

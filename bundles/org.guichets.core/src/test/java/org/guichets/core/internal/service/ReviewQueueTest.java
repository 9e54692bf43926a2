package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueItem;
import org.guichets.api.candidature.QueueStatus;
import org.guichets.api.candidature.ReviewQueue;
import org.guichets.api.candidature.Step;
import org.guichets.api.error.AccessDeniedException;
import org.guichets.api.error.InvalidTransitionException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.junit.Test;

public class ReviewQueueTest extends JourneyTestBase {

    private List<String> numbers(Actor actor, QueueFilter filter) {
        return f.queue.queue(actor, filter, 0, 50).items().stream().map(QueueItem::candidatureNumber).toList();
    }

    @Test
    public void submittedFormsAndChaptersWaitForReviewersThenDecisionsForTheCommittee() throws Exception {
        Actor committee = f.staff(PlatformRole.COMMITTEE);
        assertEquals(List.of(), numbers(reviewer, QueueFilter.all()));

        AdministrativeForm form = f.forms.get(m, c.number());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU", "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
        form = f.forms.submit(m, c.number(), form.version());
        QueueItem item = f.queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0);
        assertEquals(Step.FORM, item.step());
        assertEquals("Acme", item.organizationName());
        assertEquals("Agenda", item.productName());
        assertEquals(List.of(), numbers(committee, QueueFilter.all()));

        f.forms.validate(reviewer, c.number(), form.version());
        assertEquals("validated: nothing waits", List.of(), numbers(reviewer, QueueFilter.all()));

        validateAll(this);
        assertEquals(List.of(), numbers(reviewer, QueueFilter.all()));
        assertEquals(List.of(c.number()), numbers(committee, QueueFilter.all()));
        assertEquals(Step.HABILITATION, f.queue.queue(committee, QueueFilter.all(), 0, 1).items().get(0).step());
    }

    @Test
    public void filtersAndOrder() {
        Actor other = f.company("Autre");
        String first = submitted(m, "Agenda 1");
        String second = submitted(other, "Agenda 2");
        assertEquals(2, f.queue.queue(reviewer, QueueFilter.all(), 0, 50).total());
        assertEquals(List.of(first, second), numbers(reviewer, QueueFilter.all()));
        assertEquals(List.of(second, first), numbers(reviewer, new QueueFilter(null, null, null, null, false)));
        assertEquals(List.of(), numbers(reviewer, new QueueFilter("segur", null, null, null, true)));
        assertEquals(2, numbers(reviewer, new QueueFilter("edc-psc", "editeur", Step.FORM, null, true)).size());
        assertEquals(List.of(), numbers(reviewer, new QueueFilter(null, null, Step.EVIDENCE, null, true)));
        assertEquals(List.of(), numbers(reviewer, new QueueFilter(null, null, null, Duration.ofHours(1), true)));
        assertThrows(AccessDeniedException.class, () -> f.queue.queue(m, QueueFilter.all(), 0, 10));
        assertThrows(AccessDeniedException.class, () -> f.queue.queue(f.staff(PlatformRole.ADMIN), QueueFilter.all(), 0, 10));
    }

    /**
     * A queue longer than SORT_IN_MEMORY is read in order from the sort key's index (H2's hint):
     * every page, either way and for both sort keys, is the one a full sort gives, ties broken by
     * candidature.
     */
    @Test
    public void aLongQueueIsPagedInTheOrderAFullSortGives() throws Exception {
        // each of the two views (the agency's turn, the candidate's) above the size that is sorted in memory
        int rows = 2 * (org.guichets.core.internal.candidature.ReviewQueueImpl.SORT_IN_MEMORY + 300);
        java.util.Random random = new java.util.Random(12);
        java.time.OffsetDateTime base = java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z");
        long[][] keys = new long[rows][3]; // id, waiting minutes, activity minutes
        try (java.sql.Connection conn = f.db.connection()) {
            long org;
            long product;
            try (java.sql.Statement st = conn.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT organization_id, product_id FROM candidature WHERE candidature_number = '"
                            + c.number() + "'")) {
                rs.next();
                org = rs.getLong(1);
                product = rs.getLong(2);
            }
            try (java.sql.PreparedStatement pc = conn.prepareStatement("INSERT INTO candidature (id, candidature_number,"
                    + " organization_id, product_id, dispositif_id, guichet_id, nru, referential_version, created_at, created_by,"
                    + " form_state, evidence_state, habilitation_state, version) VALUES (?, ?, ?, ?, 'edc-psc', 'editeur',"
                    + " '12345678903', 'v1', ?, 1, 'SUBMITTED', 'LOCKED', 'LOCKED', 1)");
                    java.sql.PreparedStatement pq = conn.prepareStatement("INSERT INTO review_queue (candidature_id, review_step,"
                            + " waiting_since, dispositif_id, guichet_id, with_candidate, assignee_id, candidate_active_at)"
                            + " VALUES (?, 'FORM', ?, 'edc-psc', 'editeur', ?, NULL, ?)")) {
                for (int i = 0; i < rows; i++) {
                    long id = 1_000_000L + i;
                    // few distinct times, so that many rows tie and the candidature decides
                    keys[i] = new long[] {id, random.nextInt(400), random.nextInt(400)};
                    pc.setLong(1, id);
                    pc.setString(2, "ZZ" + String.format(java.util.Locale.ROOT, "%08d", i).chars()
                            .mapToObj(ch -> String.valueOf((char) ('A' + ch - '0'))).collect(java.util.stream.Collectors.joining()));
                    pc.setLong(3, org);
                    pc.setLong(4, product);
                    pc.setObject(5, base);
                    pc.addBatch();
                    pq.setLong(1, id);
                    pq.setObject(2, base.plusMinutes(keys[i][1]));
                    pq.setBoolean(3, i % 2 == 1);
                    pq.setObject(4, base.plusMinutes(keys[i][2]));
                    pq.addBatch();
                }
                pc.executeBatch();
                pq.executeBatch();
            }
            conn.commit();
        }
        for (boolean withCandidate : new boolean[] {false, true}) {
            for (boolean oldestFirst : new boolean[] {true, false}) {
                int key = withCandidate ? 2 : 1;
                java.util.Comparator<long[]> order = java.util.Comparator.<long[]>comparingLong(k -> k[key]).thenComparingLong(k -> k[0]);
                List<String> expected = java.util.Arrays.stream(keys).filter(k -> (k[0] % 2 == 1) == withCandidate)
                        .sorted(oldestFirst ? order : order.reversed()).map(k -> "#" + k[0]).toList();
                QueueFilter filter = withCandidate
                        ? new QueueFilter(null, null, null, null, oldestFirst, QueueStatus.CANDIDATE, null, QueueFilter.Sort.CANDIDATE_SILENCE)
                        : new QueueFilter("edc-psc", "editeur", null, null, oldestFirst);
                for (int offset : new int[] {0, 50, expected.size() - 30}) {
                    org.guichets.api.Page<QueueItem> page = f.queue.queue(reviewer, filter, offset, 50);
                    assertEquals(expected.size(), page.total());
                    List<String> ids = page.items().stream().map(q -> "#" + idOf(q.candidatureNumber())).toList();
                    assertEquals(withCandidate + " " + oldestFirst + " at " + offset,
                            expected.subList(offset, Math.min(expected.size(), offset + 50)), ids);
                }
            }
        }
    }

    private long idOf(String number) {
        String digits = number.substring(2).chars().mapToObj(ch -> String.valueOf((char) ('0' + ch - 'A')))
                .collect(java.util.stream.Collectors.joining());
        return 1_000_000L + Long.parseLong(digits);
    }

    private QueueFilter turn(QueueStatus status) {
        return new QueueFilter(null, null, null, null, true, status, null, null);
    }

    @Test
    public void theQueueFollowsWhoseTurnItIsUntilTheDecision() throws Exception {
        AdministrativeForm form = f.forms.get(m, c.number());
        form = f.forms.save(m, c.number(), form.version(), Map.of("profiles", "ELU", "plannedDeposit", "2027-03-31",
                "nie", "NIE-1", "nil", "NIL-1"));
        form = f.forms.submit(m, c.number(), form.version());
        form = f.forms.returnToCandidate(reviewer, c.number(), form.version(), Map.of("nie", "Le NIE est illisible"), null);
        assertEquals(List.of(), numbers(reviewer, QueueFilter.all()));
        QueueItem returned = f.queue.queue(reviewer, turn(QueueStatus.CANDIDATE), 0, 10).items().get(0);
        assertEquals(QueueStatus.CANDIDATE, returned.status());
        assertEquals(Step.FORM, returned.step());

        form = f.forms.submit(m, c.number(), form.version());
        assertEquals(List.of(c.number()), numbers(reviewer, QueueFilter.all()));
        f.forms.validate(reviewer, c.number(), form.version());
        QueueItem evidence = f.queue.queue(reviewer, turn(QueueStatus.CANDIDATE), 0, 10).items().get(0);
        assertEquals("the evidence is the candidate's move", Step.EVIDENCE, evidence.step());

        validateAll(this);
        Actor committee = f.staff(PlatformRole.COMMITTEE);
        assertEquals(List.of(c.number()), numbers(committee, QueueFilter.all()));
        f.committee.decide(committee, c.number(), org.guichets.api.candidature.DecisionOutcome.FAVOURABLE, "Conforme", List.of());
        assertEquals("decided: instruction is over", List.of(), numbers(committee, QueueFilter.all()));
        assertEquals(List.of(), numbers(reviewer, turn(QueueStatus.CANDIDATE)));
    }

    @Test
    public void aReviewerClaimsHandsOverAndReleasesWithEachStepAudited() {
        String number = submitted(m, "Agenda 1");
        Actor colleague = f.staff(PlatformRole.REVIEWER);
        Actor committee = f.staff(PlatformRole.COMMITTEE);
        Actor admin = f.staff(PlatformRole.ADMIN);
        QueueItem mine = f.queue.claim(reviewer, number);
        assertEquals(Long.valueOf(reviewer.accountId()), mine.assigneeId());
        assertEquals(reviewer.displayName(), mine.assigneeName());
        assertEquals("claiming again changes nothing", mine.assigneeId(), f.queue.claim(reviewer, number).assigneeId());
        InvalidTransitionException taken = assertThrows(InvalidTransitionException.class, () -> f.queue.claim(colleague, number));
        assertEquals("queue.claimed", taken.code());
        assertTrue(taken.getMessage(java.util.Locale.FRENCH), taken.getMessage(java.util.Locale.FRENCH).contains(reviewer.displayName()));

        QueueFilter onlyMine = new QueueFilter(null, null, null, null, true, null, QueueFilter.Assignment.MINE, null);
        QueueFilter nobodys = new QueueFilter(null, null, null, null, true, null, QueueFilter.Assignment.UNASSIGNED, null);
        assertEquals(List.of(number), numbers(reviewer, onlyMine));
        assertEquals(List.of(), numbers(colleague, onlyMine));
        assertEquals(List.of(), numbers(colleague, nobodys));

        assertEquals(List.of(reviewer.accountId(), colleague.accountId()).stream().sorted().toList(),
                f.queue.colleagues(reviewer, number).stream().map(ReviewQueue.Colleague::accountId).sorted().toList());
        assertEquals("a committee member does not instruct a form", "queue.assigneeNotAllowed",
                assertThrows(ValidationException.class, () -> f.queue.assign(reviewer, number, committee.accountId()))
                        .errors().get(0).code());
        assertThrows("nor a candidate", ValidationException.class, () -> f.queue.assign(reviewer, number, m.accountId()));
        assertThrows(AccessDeniedException.class, () -> f.queue.claim(committee, number));
        assertThrows(AccessDeniedException.class, () -> f.queue.assign(admin, number, colleague.accountId()));
        assertThrows(AccessDeniedException.class, () -> f.queue.claim(m, number));

        assertEquals(Long.valueOf(colleague.accountId()), f.queue.assign(reviewer, number, colleague.accountId()).assigneeId());
        assertEquals(List.of(number), numbers(colleague, onlyMine));
        assertEquals(null, f.queue.assign(colleague, number, null).assigneeId());
        assertEquals(List.of(number), numbers(colleague, nobodys));
        List<String> actions = f.audit.history(reviewer, "candidature", number).stream()
                .map(org.guichets.api.audit.AuditEntry::action).filter(a -> a.startsWith("queue.")).toList();
        assertEquals(List.of("queue.claimed", "queue.assigned", "queue.released"), actions);
        assertEquals("queue.notInstructed", assertThrows(InvalidTransitionException.class,
                () -> f.queue.claim(reviewer, c.number())).code());
    }

    @Test
    public void twoReviewersClaimingAtOnceOneGetsItTheOtherIsTold() throws Exception {
        String number = submitted(m, "Agenda 1");
        Actor colleague = f.staff(PlatformRole.REVIEWER);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Long>> tries = new java.util.ArrayList<>();
            for (Actor who : List.of(reviewer, colleague)) {
                tries.add(pool.submit(() -> {
                    go.await();
                    try {
                        return f.queue.claim(who, number).assigneeId();
                    } catch (InvalidTransitionException e) {
                        return -1L;
                    }
                }));
            }
            go.countDown();
            long won = tries.stream().mapToLong(t -> {
                try {
                    return t.get();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).filter(v -> v > 0).count();
            assertEquals("exactly one claim wins", 1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void theCandidatesSilenceIsTrackedAndSortable() throws Exception {
        Actor other = f.company("Autre");
        String first = submitted(m, "Agenda 1");
        String second = submitted(other, "Agenda 2");
        QueueItem submittedNow = f.queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0);
        assertEquals(first, submittedNow.candidatureNumber());
        f.conversations.post(m, first, "Une précision");
        assertEquals("within the minute, the activity time is kept (a burst of actions moves it once)",
                submittedNow.candidateActiveAt(), f.queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0).candidateActiveAt());
        try (java.sql.Connection conn = f.db.connection();
                java.sql.PreparedStatement st = conn.prepareStatement("UPDATE review_queue SET candidate_active_at ="
                        + " candidate_active_at - INTERVAL '2' MINUTE")) {
            st.executeUpdate();
            conn.commit();
        }
        QueueItem before = f.queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0);
        f.conversations.post(m, first, "Une question sur le formulaire");
        QueueItem after = f.queue.queue(reviewer, QueueFilter.all(), 0, 10).items().get(0);
        assertTrue("the message breaks the silence", after.candidateActiveAt().isAfter(before.candidateActiveAt()));
        assertEquals("the wait itself is unchanged", before.waitingSince(), after.waitingSince());
        f.conversations.post(reviewer, second, "Bonjour");
        QueueFilter silentFirst = new QueueFilter(null, null, null, null, true, null, null, QueueFilter.Sort.CANDIDATE_SILENCE);
        assertEquals("the agency's message is not the candidate's", List.of(second, first), numbers(reviewer, silentFirst));
    }

    @Test
    public void aReviewerWhoseRoleWasTakenCannotInstructWithTheActorItSignedInWith() {
        String number = submitted(m, "Agenda 1");
        Actor admin = f.staff(PlatformRole.ADMIN);
        f.identity.setPlatformRoles(admin, reviewer.accountId(), f.identity.account(admin, reviewer.accountId()).version(),
                java.util.Set.of(PlatformRole.ADMIN));
        // "reviewer" still holds the actor of its sign-in, with REVIEWER in it
        assertThrows(AccessDeniedException.class, () -> f.queue.queue(reviewer, QueueFilter.all(), 0, 10).total());
        assertThrows(AccessDeniedException.class, () -> f.queue.claim(reviewer, number));
        AdministrativeForm form = f.forms.get(m, number);
        assertThrows(AccessDeniedException.class, () -> f.forms.validate(reviewer, number, form.version()));
        assertThrows(AccessDeniedException.class, () -> f.forms.returnToCandidate(reviewer, number, form.version(),
                Map.of(), "Revoir"));
        assertEquals("nothing changed", org.guichets.api.candidature.StepState.SUBMITTED, f.forms.get(m, number).state());

        // given the committee's role instead, the same actor sees the committee's queue, not the forms
        Actor college = f.staff(PlatformRole.COMMITTEE);
        f.identity.setPlatformRoles(admin, reviewer.accountId(), f.identity.account(admin, reviewer.accountId()).version(),
                java.util.Set.of(PlatformRole.COMMITTEE));
        assertEquals(numbers(college, QueueFilter.all()), numbers(reviewer, QueueFilter.all()));
        assertEquals(List.of(), numbers(reviewer, QueueFilter.all()));
    }

    private String submitted(Actor owner, String product) {
        String number = f.candidatures.create(owner, f.product(owner, product).id(), "edc-psc", "editeur").number();
        AdministrativeForm form = f.forms.get(owner, number);
        form = f.forms.save(owner, number, form.version(), Map.of("profiles", "ELP", "plannedDeposit", "2027-03-31"));
        f.forms.submit(owner, number, form.version());
        return number;
    }
}

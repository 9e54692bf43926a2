package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueItem;
import org.guichets.api.candidature.Step;
import org.guichets.api.error.AccessDeniedException;
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

    private String submitted(Actor owner, String product) {
        String number = f.candidatures.create(owner, f.product(owner, product).id(), "edc-psc", "editeur").number();
        AdministrativeForm form = f.forms.get(owner, number);
        form = f.forms.save(owner, number, form.version(), Map.of("profiles", "ELP", "plannedDeposit", "2027-03-31"));
        f.forms.submit(owner, number, form.version());
        return number;
    }
}

package org.guichets.core.internal.service;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.guichets.api.candidature.Conversation;
import org.guichets.api.candidature.Message;
import org.guichets.api.error.NotFoundException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.OrganizationRole;
import org.junit.Test;

public class ConversationServiceTest extends JourneyTestBase {

    @Test
    public void R12_candidateAndReviewerTalkAndEachHasItsUnreadState() {
        Message question = f.conversations.post(m, c.number(), "Bonjour, quel format pour le rapport ?");
        assertFalse(question.fromAgency());
        assertEquals("the author has read its own message", 0, f.conversations.read(m, c.number()).unread());
        assertEquals(1, f.conversations.read(reviewer, c.number()).unread());
        assertEquals(1, f.conversations.unreadCount(reviewer));
        assertEquals(0, f.conversations.unreadCount(m));

        Message answer = f.conversations.post(reviewer, c.number(), "Le PDF signé suffit.");
        assertTrue(answer.fromAgency());
        assertEquals(0, f.conversations.unreadCount(reviewer));
        assertEquals(1, f.conversations.unreadCount(m));
        Conversation seen = f.conversations.read(m, c.number());
        assertEquals(List.of(question.id(), answer.id()), seen.messages().stream().map(Message::id).toList());
        assertEquals(1, seen.unread());
        f.conversations.markRead(m, c.number());
        assertEquals(0, f.conversations.unreadCount(m));

        Actor colleague = f.member(m, OrganizationRole.RESPONSABLE);
        assertEquals("each reader has its own state", 1, f.conversations.unreadCount(colleague));
    }

    @Test
    public void outsidersNeitherReadNorWriteAndEmptyMessagesAreRefused() {
        Actor foreign = f.company("Autre");
        Actor salarie = f.member(m, OrganizationRole.SALARIE);
        assertThrows(NotFoundException.class, () -> f.conversations.post(foreign, c.number(), "Bonjour"));
        assertThrows(NotFoundException.class, () -> f.conversations.read(salarie, c.number()));
        ValidationException empty = assertThrows(ValidationException.class, () -> f.conversations.post(m, c.number(), "  "));
        assertEquals("body", empty.errors().get(0).field());
        ValidationException tooLong = assertThrows(ValidationException.class,
                () -> f.conversations.post(m, c.number(), "x".repeat(10_001)));
        assertEquals("field.tooLong", tooLong.errors().get(0).code());
        assertEquals(0, f.conversations.unreadCount(foreign));
    }
}

package org.guichets.api.candidature;

import java.util.List;

/**
 * A candidature's conversation between the candidate and the agency's reviewers.
 *
 * @param candidatureNumber the candidature
 * @param messages the messages, oldest first
 * @param unread how many of them, from the other side, the reader has not read yet
 */
public record Conversation(String candidatureNumber, List<Message> messages, int unread) {
    public Conversation {
        messages = List.copyOf(messages);
    }
}

package org.guichets.api.candidature;

import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The conversation of each candidature (messagerie): the candidate's people who may see it and
 * the agency's staff write; each reader has its own unread state.
 */
@ProviderType
public interface ConversationService {

    /** Posts a message (1 to 10,000 characters). */
    Message post(Actor actor, String candidatureNumber, String body);

    /** The conversation, with what the actor has not read; reading does not mark it read. */
    Conversation read(Actor actor, String candidatureNumber);

    /** Marks every message of the conversation read for the actor. */
    void markRead(Actor actor, String candidatureNumber);

    /** How many messages from the other side the actor has not read, over every candidature it follows. */
    int unreadCount(Actor actor);
}

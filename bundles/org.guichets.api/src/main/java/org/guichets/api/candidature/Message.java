package org.guichets.api.candidature;

import java.time.Instant;

/**
 * One message of a candidature's conversation.
 *
 * @param id identifier, increasing with time
 * @param authorId who wrote it
 * @param authorName the author's name at the time
 * @param fromAgency whether the agency wrote it (as opposed to the candidate)
 * @param body the text
 * @param postedAt when
 */
public record Message(long id, long authorId, String authorName, boolean fromAgency, String body, Instant postedAt) {}

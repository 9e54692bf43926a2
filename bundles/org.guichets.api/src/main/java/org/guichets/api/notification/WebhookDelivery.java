package org.guichets.api.notification;

import java.time.Instant;

/**
 * One delivery of an event to an endpoint, with what the endpoint last answered.
 *
 * @param id identifier, sent as the {@code Guichets-Delivery} header
 * @param endpointId the endpoint
 * @param eventId the event's identifier (the same for every endpoint and for a replay)
 * @param event the event
 * @param payload the JSON body sent
 * @param status where it stands
 * @param attempts attempts made
 * @param createdAt when the event was queued for this endpoint
 * @param nextAttemptAt when the next attempt is due (pending ones), or {@code null}
 * @param lastAttemptAt when the last attempt was made, or {@code null}
 * @param responseStatus the HTTP status last answered, or {@code null} (none: see {@code error})
 * @param responseBody the start of the body last answered, or {@code null}
 * @param error why the last attempt failed without an answer (refused, timed out…), or {@code null}
 * @param durationMillis how long the last attempt took
 * @param replayOf the delivery this one replays, or {@code null}
 */
public record WebhookDelivery(long id, long endpointId, String eventId, WebhookEvent event, String payload, Status status,
        int attempts, Instant createdAt, Instant nextAttemptAt, Instant lastAttemptAt, Integer responseStatus,
        String responseBody, String error, long durationMillis, Long replayOf) {

    public enum Status {
        /** Waiting for its first attempt or a retry. */
        PENDING,
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** Every attempt failed; replay it from the portal or the API. */
        FAILED
    }
}

package org.guichets.api.notification;

import java.time.Instant;
import java.util.Set;

/**
 * An organisation's webhook endpoint, as listed (never its secret).
 *
 * @param id identifier
 * @param organizationId the organisation whose events it receives
 * @param url where deliveries are POSTed
 * @param description what its owner called it
 * @param events what it is subscribed to
 * @param enabled whether deliveries are sent
 * @param consecutiveFailures failed attempts in a row since the last success
 * @param disabledReason why it was disabled ({@code failures} when the platform disabled it), or {@code null}
 * @param createdBy the account that registered it (told when the platform disables it)
 * @param createdAt when it was registered
 * @param version optimistic-locking version
 */
public record WebhookEndpoint(long id, long organizationId, String url, String description, Set<WebhookEvent> events,
        boolean enabled, int consecutiveFailures, String disabledReason, long createdBy, Instant createdAt, long version) {

    public WebhookEndpoint {
        events = Set.copyOf(events);
    }
}

package org.guichets.api.notification;

import java.util.List;
import java.util.Set;
import org.guichets.api.Page;
import org.guichets.api.identity.Actor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An organisation's webhook endpoints and their deliveries. Managed by the organisation's
 * mandataire and responsables. Each delivery is a POST of a JSON event signed with the endpoint's
 * secret ({@code Guichets-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}), retried
 * with backoff while it fails; an endpoint failing too many times in a row is disabled and its
 * owner told by mail.
 */
@ProviderType
public interface WebhookService {

    /** Registers an endpoint; the secret is in the answer only. */
    NewWebhook register(Actor actor, long organizationId, String url, String description, Set<WebhookEvent> events);

    List<WebhookEndpoint> endpoints(Actor actor, long organizationId);

    WebhookEndpoint endpoint(Actor actor, long endpointId);

    WebhookEndpoint update(Actor actor, long endpointId, long expectedVersion, String url, String description,
            Set<WebhookEvent> events);

    /** Enables (and forgets the failures of) or disables an endpoint; deliveries wait while disabled. */
    WebhookEndpoint setEnabled(Actor actor, long endpointId, boolean enabled);

    /** Removes an endpoint and its delivery log. */
    void delete(Actor actor, long endpointId);

    /** Queues a {@code ping} delivery to the endpoint, to test it. */
    WebhookDelivery ping(Actor actor, long endpointId);

    /** One delivery, if the actor manages its endpoint. */
    WebhookDelivery delivery(Actor actor, long deliveryId);

    /** The endpoint's deliveries, newest first. */
    Page<WebhookDelivery> deliveries(Actor actor, long endpointId, int offset, int limit);

    /** Queues the same event (same id and payload) again to its endpoint, as a new delivery. */
    WebhookDelivery replay(Actor actor, long deliveryId);

    /** A registered endpoint and its signing secret, shown once. */
    record NewWebhook(WebhookEndpoint endpoint, String secret) {}
}

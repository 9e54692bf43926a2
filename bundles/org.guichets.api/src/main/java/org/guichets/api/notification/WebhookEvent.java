package org.guichets.api.notification;

import java.util.Arrays;
import java.util.Optional;

/** The events an organisation may subscribe a webhook endpoint to, with their names on the wire. */
public enum WebhookEvent {
    CANDIDATURE_SUBMITTED("candidature.submitted"),
    FORM_RETURNED("form.returned"),
    FORM_VALIDATED("form.validated"),
    CHAPTER_SUBMITTED("chapter.submitted"),
    CHAPTER_RETURNED("chapter.returned"),
    CHAPTER_VALIDATED("chapter.validated"),
    DECISION_TAKEN("decision.taken"),
    MESSAGE_POSTED("message.posted"),
    DELIVERABLE_ISSUED("deliverable.issued"),
    DELIVERABLE_EXPIRING("deliverable.expiring"),
    DELIVERABLE_EXPIRED("deliverable.expired"),
    DELIVERABLE_REVOKED("deliverable.revoked"),
    /** Sent by "test" from the portal or the API only; no endpoint subscribes to it. */
    PING("ping");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The name in payloads and the {@code Guichets-Event} header, e.g. {@code chapter.returned}. */
    public String wireName() {
        return wireName;
    }

    /** The event named {@code wireName}, if any. */
    public static Optional<WebhookEvent> ofWireName(String wireName) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(wireName)).findFirst();
    }
}

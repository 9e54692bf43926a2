package org.guichets.api.notification;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sends one e-mail (the host provides it over SMTP). The platform keeps each mail in an outbox
 * until this returns: a mail that throws is retried with backoff, and never blocks the action that
 * caused it.
 */
@ConsumerType
public interface MailTransport {

    void send(OutgoingMail mail) throws Exception;

    /**
     * @param to the recipient's address
     * @param subject the subject, in the recipient's language
     * @param text the plain-text body
     * @param messageId a stable identifier for the {@code Message-ID} header (the same on a retry)
     */
    record OutgoingMail(String to, String subject, String text, String messageId) {}
}

/**
 * Telling people and systems what happened: webhooks an organisation registers (signed, retried,
 * logged, replayable) and e-mail notifications, sent through a {@link
 * org.guichets.api.notification.MailTransport} the host provides.
 */
@Version("1.0.0")
package org.guichets.api.notification;

import org.osgi.annotation.versioning.Version;

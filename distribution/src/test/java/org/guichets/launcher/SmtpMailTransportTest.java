package org.guichets.launcher;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.Map;
import org.guichets.api.notification.MailTransport.OutgoingMail;
import org.junit.Test;

/**
 * The host's mail transport against a real SMTP server (GreenMail): French text arrives intact with
 * its headers, a server that is down makes {@code send} throw (the core's outbox keeps the mail and
 * retries it), and the same mail goes through once the server is back.
 */
public class SmtpMailTransportTest {

    @Test
    public void mailsGoThroughSmtpAndAFailureThrowsForTheOutboxToRetry() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        SmtpMailTransport transport = SmtpMailTransport.fromSettings(Map.of("guichets.smtp.host", "127.0.0.1",
                "guichets.smtp.port", String.valueOf(port), "guichets.smtp.security", "none", "guichets.smtp.from",
                "Guichets <no-reply@guichets.test>", "guichets.smtp.timeoutSeconds", "3"));
        OutgoingMail mail = new OutgoingMail("jeanne@acme-sante.fr", "Chapitre « Prérequis » à compléter — candidature ABCDEFGHIJ",
                "Bonjour,\n\nLe chapitre « Prérequis » vous est renvoyé : une preuve n'est pas conforme.\n", "<mail-42@guichets>");

        // no server listening: the send fails, loudly
        assertThrows(jakarta.mail.MessagingException.class, () -> transport.send(mail));

        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            transport.send(mail);
            assertTrue(smtp.waitForIncomingEmail(5000, 1));
            MimeMessage received = smtp.getReceivedMessages()[0];
            assertEquals(mail.subject(), received.getSubject());
            assertEquals("jeanne@acme-sante.fr", received.getAllRecipients()[0].toString());
            assertEquals("Guichets <no-reply@guichets.test>", received.getFrom()[0].toString());
            assertEquals("<mail-42@guichets>", received.getMessageID());
            assertEquals("auto-generated", received.getHeader("Auto-Submitted")[0]);
            assertTrue(GreenMailUtil.getBody(received), received.getContent().toString().contains("n'est pas conforme"));
        } finally {
            smtp.stop();
        }
    }

    @Test
    public void noHostMeansNoTransportAndABadSettingStopsTheStart() throws Exception {
        assertNull("mails wait in the outbox", SmtpMailTransport.fromSettings(Map.of("guichets.smtp.host", " ")));
        LaunchException bad = assertThrows(LaunchException.class, () -> SmtpMailTransport.fromSettings(Map.of(
                "guichets.smtp.host", "smtp.example", "guichets.smtp.security", "tls13")));
        assertTrue(bad.getMessage(), bad.getMessage().contains("guichets.smtp.security"));
        LaunchException timeout = assertThrows(LaunchException.class, () -> SmtpMailTransport.fromSettings(Map.of(
                "guichets.smtp.host", "smtp.example", "guichets.smtp.timeoutSeconds", "vingt")));
        assertTrue(timeout.getMessage(), timeout.getMessage().contains("guichets.smtp.timeoutSeconds=vingt"));
    }
}

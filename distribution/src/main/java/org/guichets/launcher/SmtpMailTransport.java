package org.guichets.launcher;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import org.guichets.api.notification.MailTransport;

/**
 * The platform's mails over SMTP (Jakarta Mail, Eclipse Angus), configured by the
 * {@code guichets.smtp.*} settings; registered into the framework for the core's outbox, which
 * retries what this throws.
 */
final class SmtpMailTransport implements MailTransport {

    private final Session session;
    private final InternetAddress from;
    private final String username;
    private final String password;

    private SmtpMailTransport(Session session, InternetAddress from, String username, String password) {
        this.session = session;
        this.from = from;
        this.username = username;
        this.password = password;
    }

    /** The transport the settings describe, or {@code null} when no SMTP host is set. */
    static SmtpMailTransport fromSettings(Map<String, String> settings) throws LaunchException {
        String host = settings.getOrDefault("guichets.smtp.host", "").strip();
        if (host.isEmpty()) {
            return null;
        }
        String port = settings.getOrDefault("guichets.smtp.port", "25").strip();
        String security = settings.getOrDefault("guichets.smtp.security", "starttls").strip();
        String timeout = settings.getOrDefault("guichets.smtp.timeoutSeconds", "20").strip();
        long timeoutMillis;
        try {
            timeoutMillis = 1000L * Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            throw new LaunchException("guichets.smtp.timeoutSeconds=" + timeout + " is not a number of seconds");
        }
        if (!port.matches("\\d{1,5}")) {
            throw new LaunchException("guichets.smtp.port=" + port + " is not a port number");
        }
        String username = settings.getOrDefault("guichets.smtp.username", "").strip();
        String password = password(settings.get("guichets.smtp.passwordFile"));
        Properties p = new Properties();
        boolean ssl = "ssl".equals(security);
        String protocol = ssl ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", host);
        p.put("mail." + protocol + ".port", port);
        p.put("mail." + protocol + ".connectiontimeout", String.valueOf(timeoutMillis));
        p.put("mail." + protocol + ".timeout", String.valueOf(timeoutMillis));
        p.put("mail." + protocol + ".writetimeout", String.valueOf(timeoutMillis));
        p.put("mail." + protocol + ".auth", String.valueOf(!username.isEmpty()));
        if ("starttls".equals(security)) {
            p.put("mail.smtp.starttls.enable", "true");
        } else if (!ssl && !"none".equals(security)) {
            throw new LaunchException("guichets.smtp.security=" + security + " is not one of none, starttls, ssl");
        }
        InternetAddress from;
        try {
            from = new InternetAddress(settings.getOrDefault("guichets.smtp.from", "no-reply@guichets.localhost"), true);
        } catch (MessagingException e) {
            throw new LaunchException("guichets.smtp.from is not a mail address: " + e.getMessage(), e);
        }
        return new SmtpMailTransport(Session.getInstance(p), from, username.isEmpty() ? null : username, password);
    }

    private static String password(String file) throws LaunchException {
        String env = System.getenv("GUICHETS_SMTP_PASSWORD");
        if (file == null || file.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new LaunchException("cannot read guichets.smtp.passwordFile " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void send(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", mail.messageId());
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.text(), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        if (username == null) {
            Transport.send(message);
        } else {
            Transport.send(message, username, password);
        }
    }
}

package io.alertpilot.notifier.channel.email;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.DiagnosisSummary;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.util.function.Supplier;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mail over SMTP. The recipient is an address (or several, comma separated). Needs {@code spring.mail.host}; without
 * it the channel is not configured. Authentication, parse and preparation errors are permanent, every other mail
 * error (connection refused, a 4xx from the server) is retryable. Thread safe.
 */
public final class EmailChannel implements Channel {

    private final Supplier<JavaMailSender> sender;
    private final String from;

    /** @param sender the mail sender, or a supplier of null when no mail server is configured */
    public EmailChannel(Supplier<JavaMailSender> sender, String from) {
        this.sender = sender;
        this.from = from;
    }

    @Override
    public String name() {
        return ChannelNames.EMAIL;
    }

    @Override
    public boolean configured(String recipient) {
        return sender.get() != null && recipient.contains("@");
    }

    @Override
    public ChannelResult send(Page page) {
        JavaMailSender mail = sender.get();
        if (mail == null) {
            return new ChannelResult.Permanent(0, "no mail server configured");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(page.contact().to().split("\\s*,\\s*"));
        message.setSubject("[AlertPilot] " + page.statusWord() + " " + page.headline());
        message.setText(text(page));
        try {
            mail.send(message);
            return new ChannelResult.Delivered(0);
        } catch (MailAuthenticationException | MailParseException | MailPreparationException e) {
            return new ChannelResult.Permanent(0, e.getClass().getSimpleName());
        } catch (MailException e) {
            return new ChannelResult.Retryable(0, e.getClass().getSimpleName(), null);
        }
    }

    /** The body of {@code page}'s mail. */
    public static String text(Page page) {
        Incident incident = page.incident();
        StringBuilder text = new StringBuilder();
        text.append(page.statusWord()).append(": ").append(page.headline()).append("\n\n");
        if (incident.description() != null) {
            text.append(incident.description()).append("\n\n");
        }
        text.append("Where: ").append(page.where()).append('\n');
        text.append("Incident: ").append(incident.id()).append(" (").append(incident.state()).append(")\n");
        if (page.step() >= 0) {
            text.append("Escalation step: ").append(page.step() + 1)
                    .append(page.level() == null ? "" : " (" + page.levelLine() + ")").append('\n');
        }
        if (page.note() != null) {
            text.append(page.note()).append('\n');
        }
        if (page.alertLines().size() > 1) {
            text.append("Alerts (").append(page.alertLines().size()).append("):\n");
            page.alertLines().forEach(line -> text.append("  ").append(line).append('\n'));
        }
        if (incident.lastRemediation() != null) {
            text.append("Remediation: ").append(incident.lastRemediation()).append('\n');
        }
        if (incident.runbookUrl() != null) {
            text.append("Runbook: ").append(incident.runbookUrl()).append('\n');
        }
        if (page.asksApproval()) {
            text.append('\n');
            page.approval().lines().forEach(line -> text.append(line).append('\n'));
        }
        if (page.action().equals("trigger")) {
            DiagnosisSummary.of(incident).ifPresent(d -> {
                text.append("\nDiagnosis\n");
                d.lines().forEach(line -> text.append(line).append('\n'));
            });
        }
        if (page.viaFallback()) {
            text.append("Sent as fallback for ").append(page.intended().key()).append('\n');
        }
        return text.toString();
    }
}

package io.alertpilot.notifier.channel.log;

import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Writes each notification as one WARN line with MDC keys {@code alert.fingerprint}, {@code incident.id},
 * {@code notification.step}; an approval page's line ends with the approval's lines (id, what would run, deadline,
 * link, curl). Always delivers.
 */
public final class LogChannel implements Channel {

    private static final Logger log = LoggerFactory.getLogger("alertpilot.page");

    @Override
    public String name() {
        return ChannelNames.LOG;
    }

    @Override
    public boolean configured(String recipient) {
        return true;
    }

    @Override
    public ChannelResult send(Page page) {
        try (var fingerprint = MDC.putCloseable("alert.fingerprint", page.incident().fingerprint());
                var incident = MDC.putCloseable("incident.id", page.incident().id());
                var step = MDC.putCloseable("notification.step", Integer.toString(page.step()))) {
            log.warn("{}", line(page));
        }
        return new ChannelResult.Delivered(0);
    }

    /** The line of {@code page}: {@code PAGE FIRING to pages: [critical] ... at cluster/namespace/pod (...)}. */
    public static String line(Page page) {
        return "PAGE " + page.statusWord() + " to " + page.contact().to()
                + (page.viaFallback() ? " (fallback for " + page.intended().key() + ")" : "") + ": " + page.headline()
                + " at " + page.where() + " (incident " + page.incident().id() + ", state " + page.incident().state()
                + ", step " + (page.step() < 0 ? "-" : Integer.toString(page.step() + 1)) + ")"
                + (page.incident().lastRemediation() == null ? "" : "; remediation: " + page.incident().lastRemediation())
                + (page.levelLine() == null ? "" : "; " + page.levelLine())
                + (page.note() == null ? "" : "; " + page.note())
                + (page.alertLines().size() < 2 ? "" : "; alerts: " + String.join(", ", page.alertLines()))
                + (page.approval() == null ? "" : "; " + String.join("; ", page.approval().lines()));
    }
}

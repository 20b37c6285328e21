package io.alertpilot.notifier.channel;

import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.escalation.Contact;
import java.util.List;
import java.util.Locale;

/**
 * What one channel is asked to send: the incident as it is, the action, the step and the contact on this channel.
 *
 * @param action {@code trigger}, {@code acknowledge}, {@code resolve} or {@code info}
 * @param step the escalation step, -1 outside the steps
 * @param contact the recipient on this channel (for a fallback, the fallback's recipient)
 * @param intended the contact the policy named, when this page is carried by a fallback; otherwise equal to contact
 * @param approval for an approval page, the remediation that waits with its links; otherwise null
 * @param level the on-call level the step pages ({@code primary}, {@code secondary}, ...), or null
 * @param note what a status update or a breach notice says, or null
 */
public record Page(Incident incident, String action, int step, int repeat, Contact contact, Contact intended,
        ApprovalNotice approval, String level, String note) {

    /** A page that is not an approval page (the shape before {@code approval}). */
    public Page(Incident incident, String action, int step, int repeat, Contact contact, Contact intended) {
        this(incident, action, step, repeat, contact, intended, null);
    }

    /** A page without level and note (the shape before they were added). */
    public Page(Incident incident, String action, int step, int repeat, Contact contact, Contact intended,
            ApprovalNotice approval) {
        this(incident, action, step, repeat, contact, intended, approval, null, null);
    }

    /** True when it asks for an approval. */
    public boolean asksApproval() {
        return approval != null && action.equals("trigger");
    }

    /** The alert's name, or the incident id when the alert never arrived. */
    public String alertName() {
        return incident.alertName() != null ? incident.alertName() : incident.id();
    }

    /** Lower-case severity text, {@code unknown} when not known. */
    public String severityText() {
        Severity severity = incident.severity();
        return severity == null ? "unknown" : severity.name().toLowerCase(Locale.ROOT);
    }

    /**
     * One line: {@code [critical] KubePodCrashLooping: summary}; with the raw priority when the alert had one other
     * than its severity's word ({@code [critical P1] ...}), and the number of alerts of a group ({@code KubePodCrashLooping (5 alerts)}).
     */
    public String headline() {
        String summary = incident.summary() == null || incident.summary().isBlank() ? "" : ": " + incident.summary();
        String priority = incident.priority() == null
                || RawPriority.normalize(incident.priority()).equals(severityText()) ? "" : " " + incident.priority();
        String group = incident.alerts().size() > 1 ? " (" + incident.alerts().size() + " alerts)" : "";
        return "[" + severityText() + priority + "] " + alertName() + group + summary;
    }

    /** For people: {@code paging the secondary} when the step names a level, else null. */
    public String levelLine() {
        return level == null ? null : "paging the " + level;
    }

    /** The alerts of a grouped incident, one line each ({@code FIRING KubePodCrashLooping 0c02...: summary}). */
    public List<String> alertLines() {
        return incident.alerts().stream().map(alert -> alert.status() + " " + alert.name() + " " + alert.fingerprint()
                + (alert.summary() == null ? "" : ": " + alert.summary())).toList();
    }

    /** The status word a chat message starts with. */
    public String statusWord() {
        return switch (action) {
            case "resolve" -> "RESOLVED";
            case "acknowledge" -> "ACKNOWLEDGED";
            case "info" -> "REMEDIATED";
            case "update" -> "STATUS UPDATE";
            case "breach" -> "SLA BREACHED";
            default -> asksApproval() ? "APPROVAL NEEDED" : "FIRING";
        };
    }

    /** Where the alert is: {@code cluster/namespace/pod} as far as known, else the target key. */
    public String where() {
        var target = incident.target();
        StringBuilder where = new StringBuilder();
        for (String part : new String[] {target.cluster(), target.namespace(),
                target.pod() != null ? target.pod() : target.name()}) {
            if (part != null && !part.isBlank()) {
                where.append(where.isEmpty() ? "" : "/").append(part);
            }
        }
        if (where.isEmpty()) {
            where.append(target.node() != null ? target.node()
                    : target.azureResourceId() != null ? target.azureResourceId() : "alertpilot");
        }
        return where.toString();
    }

    /** True when a fallback carries it. */
    public boolean viaFallback() {
        return !contact.equals(intended);
    }
}

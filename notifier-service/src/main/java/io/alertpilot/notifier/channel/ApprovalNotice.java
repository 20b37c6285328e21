package io.alertpilot.notifier.channel;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.ApprovalRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The approval part of a page: the remediation that waits, what would run on which target and why, the deadline, the
 * link to approve and the equivalent curl calls. Every channel renders it from here, so all say the same. Immutable.
 *
 * @param consoleLink the console's page of the remediation, or null when no console URL is configured
 * @param approveUrl the API call that approves ({@code POST})
 * @param rejectUrl the API call that rejects ({@code POST})
 */
public record ApprovalNotice(ApprovalRequest request, String consoleLink, String approveUrl, String rejectUrl) {

    /** The id to approve or reject. */
    public String remediationId() {
        return request.remediationId();
    }

    /**
     * Where to approve: the console's page when there is one, else the API call, which only a {@code POST} with a
     * token answers (not a page to open: channels show it as text, never as a button or link).
     */
    public String link() {
        return consoleLink != null ? consoleLink : approveUrl;
    }

    /** True when there is a console page to approve on: only then do channels show an Approve button or link. */
    public boolean hasConsole() {
        return consoleLink != null;
    }

    /** {@code POST <approveUrl>}: the API call that approves, as text. */
    public String approveCall() {
        return "POST " + approveUrl;
    }

    /** The curl that approves, the token named as {@code $ALERTPILOT_API_TOKEN}. */
    public String approveCurl() {
        return curl(approveUrl);
    }

    /** The curl that rejects, the token named as {@code $ALERTPILOT_API_TOKEN}. */
    public String rejectCurl() {
        return curl(rejectUrl);
    }

    private static String curl(String url) {
        return "curl -s -X POST -H \"Authorization: Bearer $ALERTPILOT_API_TOKEN\" " + url;
    }

    /** {@code restart Deployment shop/checkout-api in cluster prod (playbook p, replicas=4)}: what would run where. */
    public String wouldRun() {
        Target target = request.target();
        StringBuilder text = new StringBuilder(request.action() == null ? "act" : request.action());
        if (target.name() != null) {
            text.append(' ').append(target.kind() == null ? "" : target.kind() + " ")
                    .append(target.namespace() == null ? "" : target.namespace() + "/").append(target.name());
        }
        if (target.cluster() != null) {
            text.append(" in cluster ").append(target.cluster());
        }
        text.append(" (playbook ").append(request.playbook());
        request.parameters().forEach((name, value) -> text.append(", ").append(name).append('=').append(value));
        return text.append(')').toString();
    }

    /** The deadline as text, {@code none} when the request gave none. */
    public String deadlineText() {
        return request.deadline() == null ? "none" : request.deadline().toString();
    }

    /** The notice as plain text lines, for channels that render text (log, e-mail, Teams, Opsgenie). */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Approval needed for remediation " + remediationId() + ": would " + wouldRun());
        if (request.why() != null) {
            lines.add("Why: " + request.why());
        }
        lines.add("Deadline: " + deadlineText() + " (then it is skipped and the incident escalates)");
        lines.add(hasConsole() ? "Approve: " + consoleLink : "Approve with the API: " + approveCall());
        lines.add("Approve with curl: " + approveCurl());
        lines.add("Reject with curl: " + rejectCurl());
        return lines;
    }
}

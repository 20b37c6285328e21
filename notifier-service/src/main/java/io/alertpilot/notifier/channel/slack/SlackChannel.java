package io.alertpilot.notifier.channel.slack;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.channel.ApprovalNotice;
import io.alertpilot.notifier.channel.DiagnosisSummary;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.channel.WebhookUrlChannel;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhooks. A recipient names a webhook URL from the configuration (the URL is the secret); the body
 * has {@code text} (the notification fallback) and {@code blocks}. Slack answers 429 with {@code Retry-After} when
 * over its rate limit. Thread safe.
 */
public final class SlackChannel extends WebhookUrlChannel {

    private static final int MAX_SECTION = 3000;

    public SlackChannel(HttpSender http, Map<String, String> webhooks) {
        super(http, webhooks);
    }

    @Override
    public String name() {
        return ChannelNames.SLACK;
    }

    @Override
    protected Map<String, Object> message(Page page) {
        return body(page);
    }

    /** The message of {@code page}, an approval page with link buttons to the console when it has one. */
    public static Map<String, Object> body(Page page) {
        return body(page, true);
    }

    /**
     * The message of {@code page}.
     *
     * @param consoleButtons whether an approval page gets Approve/Reject link buttons to the console (the Slack app
     *     puts its own interactive buttons there instead)
     */
    public static Map<String, Object> body(Page page, boolean consoleButtons) {
        Incident incident = page.incident();
        String emoji = switch (page.action()) {
            case "resolve" -> ":white_check_mark:";
            case "acknowledge" -> ":eyes:";
            case "info" -> ":wrench:";
            case "update" -> ":information_source:";
            case "breach" -> ":hourglass:";
            default -> ":rotating_light:";
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", emoji + " [" + page.statusWord() + "] " + page.alertName()
                + (incident.summary() == null ? "" : ": " + incident.summary()) + " (" + page.where() + ")");
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text",
                "text", page.statusWord() + ": " + page.alertName() + " (" + page.severityText() + ")", "emoji", true)));
        String text = incident.description() != null ? incident.description()
                : incident.summary() != null ? incident.summary() : page.headline();
        if (incident.lastRemediation() != null) {
            text += "\nRemediation: " + incident.lastRemediation();
        }
        if (page.levelLine() != null) {
            text += "\n" + page.levelLine();
        }
        if (page.note() != null) {
            text += "\n" + page.note();
        }
        if (page.alertLines().size() > 1) {
            text += "\nAlerts (" + page.alertLines().size() + "):\n" + String.join("\n", page.alertLines());
        }
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text)));
        List<Object> fields = new ArrayList<>();
        var target = incident.target();
        addField(fields, "Cluster", target.cluster());
        addField(fields, "Namespace", target.namespace());
        addField(fields, target.kind() == null ? "Target" : target.kind(), target.name());
        addField(fields, "Started", incident.startsAt() == null ? null : incident.startsAt().toString());
        if (!fields.isEmpty()) {
            blocks.add(Map.of("type", "section", "fields", fields));
        }
        if (page.action().equals("trigger")) {
            DiagnosisSummary.of(incident).ifPresent(d -> blocks.add(Map.of("type", "section", "text",
                    Map.of("type", "mrkdwn", "text", diagnosis(d)))));
        }
        List<Object> buttons = new ArrayList<>();
        if (page.asksApproval()) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", approval(page.approval()))));
            if (consoleButtons && page.approval().consoleLink() != null) {
                buttons.add(Map.of("type", "button", "style", "primary", "url", page.approval().consoleLink(),
                        "text", Map.of("type", "plain_text", "text", "Approve")));
                buttons.add(Map.of("type", "button", "style", "danger", "url", page.approval().consoleLink(),
                        "text", Map.of("type", "plain_text", "text", "Reject")));
            }
        }
        if (incident.runbookUrl() != null) {
            buttons.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", "Runbook"),
                    "url", incident.runbookUrl()));
        }
        if (incident.generatorUrl() != null) {
            buttons.add(Map.of("type", "button", "text", Map.of("type", "plain_text", "text", "Source"),
                    "url", incident.generatorUrl()));
        }
        if (!buttons.isEmpty()) {
            blocks.add(Map.of("type", "actions", "elements", buttons));
        }
        String context = "fingerprint " + incident.fingerprint() + " | incident " + incident.id()
                + (page.step() >= 0 ? " | step " + (page.step() + 1) : "")
                + (page.viaFallback() ? " | fallback for " + page.intended().key() : "");
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", context))));
        body.put("blocks", blocks);
        return body;
    }

    /** The approval section's text: what would run, why, the deadline, the link and the curl (Slack's bound kept). */
    private static String approval(ApprovalNotice notice) {
        String text = "*Approval needed* for remediation `" + notice.remediationId() + "`: would " + notice.wouldRun()
                + "\n*Deadline:* " + notice.deadlineText()
                + (notice.hasConsole() ? "\n*Approve:* <" + notice.link() + ">"
                        : "\n*Approve with the API:* `" + notice.approveCall() + "`")
                + "\n```" + notice.approveCurl() + "```"
                + (notice.request().why() == null ? "" : "\n*Why:* " + notice.request().why());
        return text.length() > MAX_SECTION ? text.substring(0, MAX_SECTION - 1) + "…" : text;
    }

    /** The diagnosis section: lines as plain text in a code block, so nothing in a log line is read as markup. */
    private static String diagnosis(DiagnosisSummary d) {
        String lines = String.join("\n", d.lines()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("```", "'''");
        String text = "*Diagnosis*\n```" + lines + "```";
        return text.length() > MAX_SECTION ? text.substring(0, MAX_SECTION - 4) + "…```" : text;
    }

    private static void addField(List<Object> fields, String title, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(Map.of("type", "mrkdwn", "text", "*" + title + "*\n" + value));
        }
    }
}

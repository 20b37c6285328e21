package io.alertpilot.notifier.channel.teams;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.channel.DiagnosisSummary;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.channel.WebhookUrlChannel;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Teams webhooks (Workflows, which answer 202, or the legacy connector, which answers 200): a
 * {@code message} with one Adaptive Card 1.2 attachment. A recipient names a webhook URL from the configuration.
 * Thread safe.
 */
public final class TeamsChannel extends WebhookUrlChannel {

    public TeamsChannel(HttpSender http, Map<String, String> webhooks) {
        super(http, webhooks);
    }

    @Override
    public String name() {
        return ChannelNames.TEAMS;
    }

    @Override
    protected Map<String, Object> message(Page page) {
        return body(page);
    }

    /** The message of {@code page}. */
    public static Map<String, Object> body(Page page) {
        Incident incident = page.incident();
        List<Object> cardBody = new ArrayList<>();
        cardBody.add(Map.of("type", "TextBlock", "text",
                page.statusWord() + ": " + page.alertName() + " (" + page.severityText() + ")",
                "weight", "Bolder", "size", "Medium",
                "color", page.action().equals("trigger") ? "Attention" : "Good", "wrap", true));
        String text = incident.description() != null ? incident.description()
                : incident.summary() != null ? incident.summary() : page.headline();
        cardBody.add(Map.of("type", "TextBlock", "text", text, "wrap", true));
        if (page.asksApproval()) {
            // Adaptive Card text blocks take markdown: a blank line between the notice's lines keeps them apart
            cardBody.add(Map.of("type", "TextBlock", "text", String.join("\n\n", page.approval().lines()),
                    "wrap", true));
        }
        if (page.action().equals("trigger")) {
            DiagnosisSummary.of(incident).ifPresent(d -> cardBody.add(Map.of("type", "TextBlock", "text",
                    String.join("\n\n", d.lines()), "wrap", true, "fontType", "Monospace")));
        }
        List<Object> facts = new ArrayList<>();
        var target = incident.target();
        addFact(facts, "Cluster", target.cluster());
        addFact(facts, "Namespace", target.namespace());
        addFact(facts, target.kind() == null ? "Target" : target.kind(), target.name());
        addFact(facts, "Started", incident.startsAt() == null ? null : incident.startsAt().toString());
        addFact(facts, "Remediation", incident.lastRemediation());
        addFact(facts, "Incident", incident.id());
        cardBody.add(Map.of("type", "FactSet", "facts", facts));
        List<Object> actions = new ArrayList<>();
        if (page.asksApproval() && page.approval().hasConsole()) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Approve", "url", page.approval().consoleLink()));
        }
        if (incident.runbookUrl() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Runbook", "url", incident.runbookUrl()));
        }
        if (incident.generatorUrl() != null) {
            actions.add(Map.of("type", "Action.OpenUrl", "title", "Source", "url", incident.generatorUrl()));
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.2");
        card.put("body", cardBody);
        card.put("actions", actions);
        card.put("msteams", Map.of("width", "Full"));
        Map<String, Object> attachment = new HashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "message");
        body.put("attachments", List.of(attachment));
        return body;
    }

    private static void addFact(List<Object> facts, String title, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(Map.of("title", title, "value", value));
        }
    }
}

package io.alertpilot.notifier.channel.pagerduty;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.channel.ApprovalNotice;
import io.alertpilot.notifier.channel.DiagnosisSummary;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}). A recipient names a routing key from the configuration
 * ({@code primary}, {@code secondary}, ...); the incident's {@code dedupKey} is the {@code dedup_key} of every event,
 * so PagerDuty keeps one alert per incident and routing key, and a repeated trigger pages nobody twice.
 * {@code info} messages are not sent to PagerDuty (it pages). An approval page puts the remediation id, what would
 * run, the deadline, the link and the curl into {@code custom_details} and the link first in {@code links}. Thread
 * safe.
 */
public final class PagerDutyChannel implements Channel {

    private static final int MAX_SUMMARY = 1024;

    private final HttpSender http;
    private final String url;
    private final Map<String, String> routingKeys;
    private final String clientUrl;

    /**
     * @param url the events endpoint, {@code https://events.pagerduty.com/v2/enqueue}
     * @param routingKeys recipient name to integration key (secrets)
     * @param clientUrl a link back to AlertPilot shown in PagerDuty, or null
     */
    public PagerDutyChannel(HttpSender http, String url, Map<String, String> routingKeys, String clientUrl) {
        this.http = http;
        this.url = url;
        this.routingKeys = Map.copyOf(routingKeys);
        this.clientUrl = clientUrl;
    }

    @Override
    public String name() {
        return ChannelNames.PAGERDUTY;
    }

    @Override
    public boolean configured(String recipient) {
        String key = routingKeys.get(recipient);
        return url != null && !url.isBlank() && key != null && !key.isBlank();
    }

    @Override
    public ChannelResult send(Page page) {
        if (page.action().equals("info") || page.action().equals("update")) {
            // PagerDuty holds the incident already; status updates belong to the chat and mail channels
            return new ChannelResult.Delivered(0);
        }
        return http.postJson(url, body(page, routingKeys.get(page.contact().to()), clientUrl), Map.of());
    }

    /** The Events API v2 body of {@code page}. */
    public static Map<String, Object> body(Page page, String routingKey, String clientUrl) {
        Incident incident = page.incident();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        String action = switch (page.action()) {
            case "acknowledge" -> "acknowledge";
            case "resolve" -> "resolve";
            default -> "trigger";
        };
        body.put("event_action", action);
        body.put("dedup_key", incident.dedupKey() != null ? incident.dedupKey() : incident.id());
        if (!action.equals("trigger")) {
            return body;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        String summary = page.asksApproval() ? "APPROVAL NEEDED " + page.headline() : page.headline();
        payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary);
        payload.put("source", page.where());
        payload.put("severity", switch (page.severityText()) {
            case "critical" -> "critical";
            case "high" -> "error";
            case "warning" -> "warning";
            default -> "info";
        });
        if (incident.startsAt() != null) {
            payload.put("timestamp", incident.startsAt().toString());
        }
        var target = incident.target();
        if (target.name() != null) {
            payload.put("component", target.name());
        }
        if (target.namespace() != null) {
            payload.put("group", target.namespace());
        }
        payload.put("class", page.alertName());
        Map<String, Object> details = new LinkedHashMap<>(incident.labels());
        if (incident.description() != null) {
            details.put("description", incident.description());
        }
        details.put("fingerprint", incident.fingerprint());
        details.put("incident_id", incident.id());
        details.put("escalation_step", page.step());
        details.put("escalation_round", page.repeat());
        if (page.level() != null) {
            details.put("level", page.level());
        }
        if (incident.priority() != null) {
            details.put("priority", incident.priority());
        }
        if (page.note() != null) {
            details.put("note", page.note());
        }
        if (!incident.alerts().isEmpty()) {
            details.put("alerts", page.alertLines());
        }
        if (incident.lastRemediation() != null) {
            details.put("remediation", incident.lastRemediation());
        }
        if (page.viaFallback()) {
            details.put("intended_for", page.intended().key());
        }
        DiagnosisSummary.of(incident).ifPresent(d -> details.put("diagnosis", d.details()));
        ApprovalNotice approval = page.asksApproval() ? page.approval() : null;
        if (approval != null) {
            details.put("remediation_id", approval.remediationId());
            details.put("would_run", approval.wouldRun());
            if (approval.request().why() != null) {
                details.put("why", approval.request().why());
            }
            details.put("approval_deadline", approval.deadlineText());
            if (approval.hasConsole()) {
                details.put("approve_link", approval.consoleLink());
            }
            details.put("approve_call", approval.approveCall());
            details.put("approve_curl", approval.approveCurl());
            details.put("reject_curl", approval.rejectCurl());
        }
        payload.put("custom_details", details);
        body.put("payload", payload);
        List<Map<String, String>> links = new ArrayList<>();
        if (approval != null && approval.hasConsole()) {
            links.add(Map.of("href", approval.consoleLink(), "text", "Approve remediation " + approval.remediationId()));
        }
        if (incident.runbookUrl() != null) {
            links.add(Map.of("href", incident.runbookUrl(), "text", "Runbook"));
        }
        if (incident.generatorUrl() != null) {
            links.add(Map.of("href", incident.generatorUrl(), "text", "Source"));
        }
        if (!links.isEmpty()) {
            body.put("links", links);
        }
        body.put("client", "AlertPilot");
        if (clientUrl != null && !clientUrl.isBlank()) {
            body.put("client_url", clientUrl);
        }
        return body;
    }
}

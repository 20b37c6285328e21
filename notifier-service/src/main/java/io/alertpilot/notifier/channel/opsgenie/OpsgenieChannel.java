package io.alertpilot.notifier.channel.opsgenie;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.DiagnosisSummary;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opsgenie Alert API v2. The recipient is a responder, {@code type:name} ({@code team:shop-core},
 * {@code schedule:shop-primary}, {@code escalation:...}, {@code user:...}; a bare name is a team). The incident's
 * {@code dedupKey} is the {@code alias}, so Opsgenie keeps one open alert per incident; acknowledge and resolve
 * ({@code close}) address it by alias. Thread safe.
 */
public final class OpsgenieChannel implements Channel {

    private static final int MAX_MESSAGE = 130;
    /** Opsgenie's bound on an alert's description. */
    private static final int MAX_DESCRIPTION = 15000;

    private final HttpSender http;
    private final String baseUrl;
    private final String apiKey;

    /** @param baseUrl {@code https://api.opsgenie.com} or the EU one */
    public OpsgenieChannel(HttpSender http, String baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public String name() {
        return ChannelNames.OPSGENIE;
    }

    @Override
    public boolean configured(String recipient) {
        return apiKey != null && !apiKey.isBlank() && !baseUrl.isBlank();
    }

    @Override
    public ChannelResult send(Page page) {
        Map<String, String> auth = Map.of("Authorization", "GenieKey " + apiKey);
        String alias = URLEncoder.encode(alias(page.incident()), StandardCharsets.UTF_8);
        return switch (page.action()) {
            case "acknowledge" -> http.postJson(baseUrl + "/v2/alerts/" + alias + "/acknowledge?identifierType=alias",
                    Map.of("source", "AlertPilot", "note", "Acknowledged in AlertPilot"), auth);
            case "resolve" -> http.postJson(baseUrl + "/v2/alerts/" + alias + "/close?identifierType=alias",
                    Map.of("source", "AlertPilot", "note", "Resolved"), auth);
            case "info", "update" -> new ChannelResult.Delivered(0);
            default -> http.postJson(baseUrl + "/v2/alerts", body(page), auth);
        };
    }

    private static String alias(Incident incident) {
        return incident.dedupKey() != null ? incident.dedupKey() : incident.id();
    }

    /** The create-alert body of {@code page}. */
    public static Map<String, Object> body(Page page) {
        Incident incident = page.incident();
        Map<String, Object> body = new LinkedHashMap<>();
        String message = "[" + priority(page) + "] " + page.alertName() + " " + page.where();
        body.put("message", message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        body.put("alias", alias(incident));
        StringBuilder description = new StringBuilder(page.headline());
        if (incident.description() != null) {
            description.append("\n").append(incident.description());
        }
        if (incident.runbookUrl() != null) {
            description.append("\nRunbook: ").append(incident.runbookUrl());
        }
        if (page.asksApproval()) {
            page.approval().lines().forEach(line -> description.append('\n').append(line));
        }
        Optional<DiagnosisSummary> diagnosis = DiagnosisSummary.of(incident);
        diagnosis.ifPresent(d -> d.lines().forEach(line -> description.append('\n').append(line)));
        body.put("description", description.length() > MAX_DESCRIPTION
                ? description.substring(0, MAX_DESCRIPTION) : description.toString());
        String to = page.contact().to();
        int colon = to.indexOf(':');
        String type = colon > 0 ? to.substring(0, colon) : "team";
        String name = colon > 0 ? to.substring(colon + 1) : to;
        body.put("responders", List.of(Map.of("name", name, "type", type)));
        List<String> tags = new ArrayList<>();
        tags.add("severity:" + page.severityText());
        if (incident.target().cluster() != null) {
            tags.add("cluster:" + incident.target().cluster());
        }
        if (incident.target().namespace() != null) {
            tags.add("namespace:" + incident.target().namespace());
        }
        if (incident.source() != null) {
            tags.add("source:" + incident.source());
        }
        body.put("tags", tags);
        Map<String, String> details = new LinkedHashMap<>(incident.labels());
        details.put("fingerprint", incident.fingerprint());
        details.put("escalation_step", Integer.toString(page.step()));
        if (page.asksApproval()) {
            details.put("remediation_id", page.approval().remediationId());
            details.put("would_run", page.approval().wouldRun());
            details.put("approval_deadline", page.approval().deadlineText());
            if (page.approval().hasConsole()) {
                details.put("approve_link", page.approval().consoleLink());
            }
            details.put("approve_call", page.approval().approveCall());
            details.put("approve_curl", page.approval().approveCurl());
        }
        diagnosis.ifPresent(d -> {
            details.put("diagnosis_pods", String.join("\n", d.pods()));
            details.put("diagnosis_events", String.join("\n", d.events()));
            if (d.logContainer() != null) {
                details.put("diagnosis_log", d.logContainer() + ":\n" + String.join("\n", d.logTail()));
            }
        });
        body.put("details", details);
        body.put("entity", page.where());
        body.put("source", "AlertPilot");
        body.put("priority", priority(page));
        return body;
    }

    private static String priority(Page page) {
        return switch (page.severityText()) {
            case "critical" -> "P1";
            case "high" -> "P2";
            case "warning" -> "P3";
            default -> "P4";
        };
    }
}

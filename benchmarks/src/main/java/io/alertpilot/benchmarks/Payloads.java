package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Alert groups for the load: each group holds {@value #GROUP} alerts with distinct label sets (so distinct
 * fingerprints), in Alertmanager's webhook format and in Alertmanager's own API format. They are crash-looping pods of
 * 50 Deployments ({@code svc-<n>}, or as many as given), so the example playbook {@code restart-crashlooping-pods}
 * matches every one of them; alert {@code i} is of Deployment {@code svc-<i % targets>}.
 */
final class Payloads {

    static final int GROUP = 10;

    private final AtomicLong sequence = new AtomicLong();
    private final String run;
    private final int targets;

    Payloads(String run) {
        this(run, 50);
    }

    /** Alerts spread over {@code targets} Deployments. */
    Payloads(String run, int targets) {
        this.run = run;
        this.targets = targets;
    }

    /** The label sets of the next group. */
    List<Map<String, String>> nextGroup() {
        long first = sequence.getAndAdd(GROUP);
        List<Map<String, String>> group = new ArrayList<>(GROUP);
        for (int i = 0; i < GROUP; i++) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("alertname", "KubePodCrashLooping");
            labels.put("namespace", "bench");
            labels.put("deployment", "svc-" + ((first + i) % targets));
            labels.put("pod", "svc-" + ((first + i) % targets) + "-" + (first + i));
            labels.put("severity", "critical");
            labels.put("run", run);
            labels.put("seq", Long.toString(first + i));
            group.add(labels);
        }
        return group;
    }

    /** An Alertmanager webhook (payload version 4) carrying {@code group}. */
    static byte[] webhook(List<Map<String, String>> group, Instant startsAt) {
        return webhook(group, startsAt, Map.of("namespace", "bench"));
    }

    /**
     * An Alertmanager webhook of the group {@code groupLabels} (its {@code groupKey} as Alertmanager writes it for
     * a route at the root: {@code {}:{name="value",...}}).
     */
    static byte[] webhook(List<Map<String, String>> group, Instant startsAt, Map<String, String> groupLabels) {
        List<Map<String, Object>> alerts = new ArrayList<>(group.size());
        for (Map<String, String> labels : group) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("status", "firing");
            alert.put("labels", labels);
            alert.put("annotations", Map.of("summary", "benchmark alert " + labels.get("seq")));
            alert.put("startsAt", startsAt.toString());
            alert.put("endsAt", "0001-01-01T00:00:00Z");
            alert.put("generatorURL", "http://prometheus.bench/graph");
            alerts.add(alert);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        StringBuilder groupKey = new StringBuilder("{}:{");
        groupLabels.forEach((name, value) -> groupKey.append(groupKey.length() > 4 ? "," : "").append(name)
                .append("=\"").append(value).append('"'));
        body.put("groupKey", groupKey.append('}').toString());
        body.put("truncatedAlerts", 0);
        body.put("status", "firing");
        body.put("receiver", "alertpilot");
        body.put("groupLabels", groupLabels);
        body.put("commonLabels", groupLabels);
        body.put("commonAnnotations", Map.of());
        body.put("externalURL", "http://alertmanager.bench");
        body.put("alerts", alerts);
        return Json.write(body);
    }

    /** The same alerts as Alertmanager's {@code POST /api/v2/alerts} takes them. */
    static byte[] alertmanagerApi(List<Map<String, String>> group, Instant startsAt) {
        List<Map<String, Object>> alerts = new ArrayList<>(group.size());
        for (Map<String, String> labels : group) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("labels", labels);
            alert.put("annotations", Map.of("summary", "benchmark alert " + labels.get("seq")));
            alert.put("startsAt", startsAt.toString());
            alert.put("generatorURL", "http://prometheus.bench/graph");
            alerts.add(alert);
        }
        return Json.writeString(alerts).getBytes(StandardCharsets.UTF_8);
    }
}

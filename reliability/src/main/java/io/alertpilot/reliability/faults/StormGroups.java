package io.alertpilot.reliability.faults;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The alerts of the storm as Alertmanager sends them: {@code perTarget} alerts (one per pod, a fingerprint each) for
 * each of 100 Deployments {@code s-<run>-<n>}, all {@code FaultRestart}, in 12 groups of 25, 15, 10, 10, 8, 8, 6, 6,
 * 4, 4, 2 and 2 Deployments (500 alerts in the largest at 20 per Deployment), each group one webhook body (version 4).
 */
final class StormGroups {

    /** Deployments per group: a few large, most small. */
    private static final int[] GROUP_TARGETS = {25, 15, 10, 10, 8, 8, 6, 6, 4, 4, 2, 2};
    static final int TARGETS = 100;

    private final String run;
    private final int perTarget;
    private final String startsAt = Instant.now().toString();

    /** @param run lower-case hex: the fingerprints are {@code run} and the alert's number in hex */
    StormGroups(String run, int perTarget) {
        this.run = run;
        this.perTarget = perTarget;
    }

    int groups() {
        return GROUP_TARGETS.length;
    }

    String deployment(int target) {
        return "s-" + run + "-" + target;
    }

    List<String> deployments() {
        List<String> names = new ArrayList<>();
        for (int target = 0; target < TARGETS; target++) {
            names.add(deployment(target));
        }
        return names;
    }

    /** Group {@code group}'s body, every alert firing but those {@code resolved} names by their number in the group. */
    String body(int group, IntPredicate resolved) {
        int first = 0;
        for (int g = 0; g < group; g++) {
            first += GROUP_TARGETS[g];
        }
        List<String> alerts = new ArrayList<>();
        boolean anyFiring = false;
        for (int target = first; target < first + GROUP_TARGETS[group]; target++) {
            for (int pod = 0; pod < perTarget; pod++) {
                boolean ended = resolved.test(alerts.size());
                anyFiring |= !ended;
                alerts.add(alert(group, target, pod, ended));
            }
        }
        return "{\"version\":\"4\",\"groupKey\":\"{}:{alertname=\\\"FaultRestart\\\", bucket=\\\"" + run + "-" + group
                + "\\\"}\",\"truncatedAlerts\":0,\"status\":\"" + (anyFiring ? "firing" : "resolved")
                + "\",\"receiver\":\"alertpilot\",\"groupLabels\":{\"alertname\":\"FaultRestart\",\"bucket\":\"" + run
                + "-" + group + "\"},\"commonLabels\":{\"alertname\":\"FaultRestart\",\"namespace\":\""
                + KubernetesFake.NAMESPACE + "\"},\"commonAnnotations\":{},\"externalURL\":\"http://alertmanager:9093\","
                + "\"alerts\":[" + String.join(",", alerts) + "]}";
    }

    private String alert(int group, int target, int pod, boolean ended) {
        String deployment = deployment(target);
        return "{\"status\":\"" + (ended ? "resolved" : "firing") + "\",\"labels\":{\"alertname\":\"FaultRestart\","
                + "\"namespace\":\"" + KubernetesFake.NAMESPACE + "\",\"deployment\":\"" + deployment + "\",\"pod\":\""
                + deployment + "-" + pod + "\",\"severity\":\"warning\",\"bucket\":\"" + run + "-" + group + "\"},"
                + "\"annotations\":{\"summary\":\"" + deployment + "-" + pod + " is not ready\"},\"startsAt\":\""
                + startsAt + "\",\"endsAt\":\"" + (ended ? Instant.now().toString() : "0001-01-01T00:00:00Z")
                + "\",\"generatorURL\":\"http://prometheus:9090/graph\",\"fingerprint\":\""
                + run + String.format("%05x", target * perTarget + pod) + "\"}";
    }
}

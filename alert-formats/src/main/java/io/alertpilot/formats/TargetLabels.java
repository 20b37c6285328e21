package io.alertpilot.formats;

import io.alertpilot.model.alert.Target;
import java.util.Map;

/**
 * Reads the {@link Target} of an alert from well-known labels: {@code cluster}, {@code namespace}, {@code deployment},
 * {@code statefulset}, {@code daemonset}, {@code pod}, {@code container}, {@code node}, {@code service}. The workload
 * labels win over {@code pod}, which wins over {@code node} and {@code service} when choosing kind and name.
 */
final class TargetLabels {

    private TargetLabels() {
    }

    static Target from(Map<String, String> labels, String azureResourceId) {
        String deployment = blankToNull(labels.get("deployment"));
        String statefulSet = blankToNull(labels.get("statefulset"));
        String daemonSet = blankToNull(labels.get("daemonset"));
        String pod = blankToNull(labels.get("pod"));
        String node = blankToNull(labels.get("node"));
        String service = blankToNull(labels.get("service"));
        String kind;
        String name;
        if (deployment != null) {
            kind = "Deployment";
            name = deployment;
        } else if (statefulSet != null) {
            kind = "StatefulSet";
            name = statefulSet;
        } else if (daemonSet != null) {
            kind = "DaemonSet";
            name = daemonSet;
        } else if (pod != null) {
            kind = "Pod";
            name = pod;
        } else if (node != null) {
            kind = "Node";
            name = node;
        } else if (service != null) {
            kind = "Service";
            name = service;
        } else {
            kind = null;
            name = null;
        }
        return new Target(
                blankToNull(labels.get("cluster")),
                blankToNull(labels.get("namespace")),
                kind,
                name,
                pod,
                blankToNull(labels.get("container")),
                node,
                service,
                azureResourceId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}

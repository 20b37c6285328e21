package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.Target;

/**
 * The object a plan acts on, after substitution and checks: every part a valid Kubernetes name.
 *
 * @param namespace null for a Node
 * @param name null only when the playbook has no target (escalate or webhook only)
 */
public record ResolvedTarget(String cluster, String kind, String namespace, String name) {

    /** The key of the remediation topics and the ledger: {@code cluster/namespace/kind/name}. */
    public String key() {
        return toTarget(null).key();
    }

    /** As the model's target, with the alert's pod, container and node kept. */
    public Target toTarget(Target fromAlert) {
        Target alert = fromAlert == null ? Target.NONE : fromAlert;
        return new Target(cluster, namespace, kind, name, alert.pod(), alert.container(), alert.node(), alert.service(),
                alert.azureResourceId());
    }
}

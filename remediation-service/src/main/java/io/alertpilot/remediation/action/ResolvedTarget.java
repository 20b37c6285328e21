package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.Target;

/**
 * The object a plan acts on, after substitution and checks: every part a valid Kubernetes name, or for an Azure
 * resource (kind {@value #AZURE_KIND}, cluster {@value #AZURE_CLUSTER}) its resource id as the name.
 *
 * @param namespace null for a Node and an Azure resource
 * @param name null only when the playbook has no target (escalate or webhook only)
 */
public record ResolvedTarget(String cluster, String kind, String namespace, String name) {

    /** The kind of an Azure resource target. */
    public static final String AZURE_KIND = "AzureResource";
    /** The cluster part of an Azure resource target's key ({@code azure/-/AzureResource/<resource id>}). */
    public static final String AZURE_CLUSTER = "azure";

    /** The target of the Azure resource {@code id}. */
    public static ResolvedTarget azure(AzureResourceId id) {
        return new ResolvedTarget(AZURE_CLUSTER, AZURE_KIND, null, id.id());
    }

    /** True for an Azure resource: no Kubernetes cluster is involved. */
    public boolean isAzure() {
        return AZURE_KIND.equals(kind);
    }

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

package io.alertpilot.remediation.playbook;

/**
 * The object a playbook acts on, as templates ({@code "{{ labels.namespace }}"}); {@code kind} is literal.
 *
 * @param cluster the cluster template, or null for the alert's cluster (or the default cluster)
 * @param namespace null for cluster-scoped kinds (Node)
 */
public record TargetSpec(String cluster, String kind, String namespace, String name) {
}

package io.alertpilot.model.alert;

/**
 * What an alert is about: a Kubernetes object and its surroundings, or an Azure resource. Every component may be null.
 *
 * @param kind Kubernetes kind of the workload or object ({@code Deployment}, {@code StatefulSet}, {@code DaemonSet},
 *     {@code Pod}, {@code Node}, {@code Service}), or null when unknown
 * @param name the name of that object
 */
public record Target(
        String cluster,
        String namespace,
        String kind,
        String name,
        String pod,
        String container,
        String node,
        String service,
        String azureResourceId) {

    /** A target about which nothing is known. */
    public static final Target NONE = new Target(null, null, null, null, null, null, null, null, null);

    /** The key used on the remediation topics: {@code cluster/namespace/kind/name}, with {@code -} for a missing part. */
    public String key() {
        return part(cluster) + "/" + part(namespace) + "/" + part(kind) + "/" + part(name);
    }

    /**
     * The value of the field named {@code field} ({@code cluster}, {@code namespace}, {@code kind}, {@code name},
     * {@code pod}, {@code container}, {@code node}, {@code service}, {@code azureResourceId}); null when it is not set or not such a field.
     */
    public String field(String field) {
        return switch (field) {
            case "cluster" -> cluster;
            case "namespace" -> namespace;
            case "kind" -> kind;
            case "name" -> name;
            case "pod" -> pod;
            case "container" -> container;
            case "node" -> node;
            case "service" -> service;
            case "azureResourceId" -> azureResourceId;
            default -> null;
        };
    }

    private static String part(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}

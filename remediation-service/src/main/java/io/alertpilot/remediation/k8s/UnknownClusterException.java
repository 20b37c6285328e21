package io.alertpilot.remediation.k8s;

import java.util.Set;

/**
 * A call named a cluster that is not configured. Not retryable: nothing was sent, and nothing is sent to the default
 * cluster in its place (the default serves only targets that name no cluster).
 */
public final class UnknownClusterException extends ClusterCallException {

    private final String cluster;

    public UnknownClusterException(String cluster, Set<String> configured) {
        super("unknown-cluster", "cluster '" + cluster + "' is not configured (configured are " + configured
                + "); nothing was sent to any cluster", null);
        this.cluster = cluster;
    }

    /** The name that is not configured. */
    public String cluster() {
        return cluster;
    }
}

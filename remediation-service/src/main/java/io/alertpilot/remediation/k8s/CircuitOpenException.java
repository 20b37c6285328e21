package io.alertpilot.remediation.k8s;

/** The cluster's circuit breaker is open: the call was not made. */
public class CircuitOpenException extends RuntimeException {

    private final String cluster;

    public CircuitOpenException(String cluster) {
        super("the circuit breaker of cluster " + cluster + " is open");
        this.cluster = cluster;
    }

    public String cluster() {
        return cluster;
    }
}

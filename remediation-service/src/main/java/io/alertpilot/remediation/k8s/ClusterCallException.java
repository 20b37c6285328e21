package io.alertpilot.remediation.k8s;

/**
 * A Kubernetes call that failed after the retries its cause allows.
 *
 * @see KubernetesResilience#transientFailure(Throwable)
 */
public class ClusterCallException extends RuntimeException {

    private final String reason;

    public ClusterCallException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** {@code http-403}, {@code http-500}, {@code timeout}, {@code io-error}, ... */
    public String reason() {
        return reason;
    }
}

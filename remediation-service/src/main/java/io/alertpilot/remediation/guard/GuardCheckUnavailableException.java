package io.alertpilot.remediation.guard;

/**
 * A guard could not be checked (the cluster's breaker is open, the API or the ledger did not answer). The action must
 * not run; it is SKIPPED with {@link #reason()}.
 */
public class GuardCheckUnavailableException extends RuntimeException {

    private final String reason;

    public GuardCheckUnavailableException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * {@code circuit-open}, {@code lock-unavailable}, {@code ledger-unavailable}, {@code inspect-failed},
     * {@code rate-limit-unavailable}.
     */
    public String reason() {
        return reason;
    }
}

package io.alertpilot.remediation.azure;

/**
 * A call to Azure that failed for good (after the SDK's retries), with a stable reason: {@code http-<status>},
 * {@code lro-failed} (the long-running operation ended Failed or Canceled), {@code timeout}, {@code io-error}.
 */
public class AzureCallException extends RuntimeException {

    private final String reason;

    public AzureCallException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The reason code, for the FAILED event. */
    public String reason() {
        return reason;
    }

    /** True for failures of Azure itself that count against the subscription's breaker: 429, 5xx, timeouts, I/O. */
    public boolean transientFailure() {
        return reason.equals("http-429") || reason.startsWith("http-5") || reason.equals("timeout")
                || reason.equals("io-error");
    }
}

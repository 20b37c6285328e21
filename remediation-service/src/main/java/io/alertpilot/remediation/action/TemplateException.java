package io.alertpilot.remediation.action;

/**
 * A template whose value cannot be used: a missing label, a value that is not a valid Kubernetes name, or a namespace
 * outside the allowed ones. Raised before any API call; not retryable.
 */
public class TemplateException extends RuntimeException {

    /** {@code invalid-target} for a bad or missing value, {@code namespace} for a namespace that is not allowed. */
    private final String reason;
    private final String field;

    public TemplateException(String reason, String field, String message) {
        super(message);
        this.reason = reason;
        this.field = field;
    }

    public String reason() {
        return reason;
    }

    /** The playbook field whose template failed ({@code target.name}, {@code actions[0].delete-pod.pod}). */
    public String field() {
        return field;
    }
}

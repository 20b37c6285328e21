package io.alertpilot.notifier.escalation;

/** A policy file that cannot be used; the message names the file, the policy and the field. Not retryable. */
public class InvalidPolicyException extends RuntimeException {

    private final String file;
    private final String policy;
    private final String field;

    public InvalidPolicyException(String file, String policy, String field, String problem) {
        super(file + ": policy '" + (policy == null ? "?" : policy) + "', field '" + field + "': " + problem);
        this.file = file;
        this.policy = policy;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public String policy() {
        return policy;
    }

    public String field() {
        return field;
    }
}

package io.alertpilot.notifier.slack;

/** An approve or reject answer could not be handed to the remediation service in time: nothing was sent; retryable. */
public class CommandNotSentException extends RuntimeException {

    public CommandNotSentException(String remediationId, Throwable cause) {
        super("the answer to remediation " + remediationId + " could not be sent to the remediation service", cause);
    }
}

package io.alertpilot.notifier.slack;

import io.alertpilot.model.remediation.RemediationCommand;

/** Hands approve and reject answers to the remediation service, wherever it runs. */
public interface RemediationCommands {

    /**
     * Sends {@code command} and returns once it is durable.
     *
     * @throws CommandNotSentException when it could not be handed over in time (nothing was sent; retryable)
     */
    void send(RemediationCommand command);
}

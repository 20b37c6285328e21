package io.alertpilot.model.remediation;

import java.time.Instant;
import java.util.Objects;

/**
 * A human's answer to a remediation that waits for approval, given somewhere other than the remediation service's
 * API (a Slack button): the value on {@code alertpilot.remediation-commands.v1}, keyed by {@link #remediationId()}.
 * The remediation service applies it as if the approve or reject endpoint had been called by {@link #by()}.
 *
 * @param type approve or reject
 * @param remediationId the remediation that waits ({@code PENDING_APPROVAL})
 * @param by the AlertPilot user who answered, recorded as approved or rejected by
 * @param origin where the answer was given ({@code slack})
 * @param at when it was given
 */
public record RemediationCommand(Type type, String remediationId, String by, String origin, Instant at) {

    /** The kinds of answer. */
    public enum Type {
        APPROVE,
        REJECT
    }

    public RemediationCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(remediationId, "remediationId");
        Objects.requireNonNull(by, "by");
    }
}

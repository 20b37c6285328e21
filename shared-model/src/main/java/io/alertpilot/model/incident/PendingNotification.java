package io.alertpilot.model.incident;

import java.util.Objects;

/**
 * A notification an incident has decided to send and whose delivery is not confirmed yet: the incident's outbox.
 *
 * <p>It is written to the compacted incident topic <em>before</em> it is sent and removed once the send ended, so a
 * service that stops in between finds it again and knows the outcome is in doubt.
 *
 * @param id unique within the incident, e.g. {@code r0s1:pagerduty:secondary}
 * @param channel the channel type ({@code pagerduty}, {@code slack}, ...)
 * @param recipient the target as configured in the policy (a routing-key name, a webhook name, an address)
 * @param action {@code trigger}, {@code acknowledge}, {@code resolve} or {@code info}
 * @param step the escalation step, -1 for messages outside the steps
 * @param repeat the round of the policy the step belongs to
 * @param fallbackChannel the channel to use when {@code channel} cannot deliver, or null
 * @param fallbackRecipient the recipient on the fallback channel, or null
 * @param approval for an approval page ({@code approval:<remediationId>}), the remediation that waits; otherwise null
 */
public record PendingNotification(
        String id,
        String channel,
        String recipient,
        String action,
        int step,
        int repeat,
        String fallbackChannel,
        String fallbackRecipient,
        ApprovalRequest approval) {

    public PendingNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(action, "action");
    }

    /** A notification that is not an approval page (the shape before {@code approval}). */
    public PendingNotification(String id, String channel, String recipient, String action, int step, int repeat,
            String fallbackChannel, String fallbackRecipient) {
        this(id, channel, recipient, action, step, repeat, fallbackChannel, fallbackRecipient, null);
    }

    /** This notification as the approval page of {@code request}. */
    public PendingNotification withApproval(ApprovalRequest request) {
        return new PendingNotification(id, channel, recipient, action, step, repeat, fallbackChannel,
                fallbackRecipient, request);
    }
}

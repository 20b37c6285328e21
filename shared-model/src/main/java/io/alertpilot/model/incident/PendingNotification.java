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
 * @param action {@code trigger}, {@code acknowledge}, {@code resolve}, {@code info}, {@code update} (a status
 *     update) or {@code breach} (a service level missed)
 * @param step the escalation step, -1 for messages outside the steps
 * @param repeat the round of the policy the step belongs to
 * @param fallbackChannel the channel to use when {@code channel} cannot deliver, or null
 * @param fallbackRecipient the recipient on the fallback channel, or null
 * @param approval for an approval page ({@code approval:<remediationId>}), the remediation that waits; otherwise null
 * @param level the on-call level of the policy step ({@code primary}, {@code secondary}, {@code lead},
 *     {@code manager}, {@code executive}, or the policy's own word), or null
 * @param note what a status update or a breach notice says, or null
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
        ApprovalRequest approval,
        String level,
        String note) {

    public PendingNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(action, "action");
    }

    /** A notification that is not an approval page (the shape before {@code approval}). */
    public PendingNotification(String id, String channel, String recipient, String action, int step, int repeat,
            String fallbackChannel, String fallbackRecipient) {
        this(id, channel, recipient, action, step, repeat, fallbackChannel, fallbackRecipient, null, null, null);
    }

    /** A notification without level and note (the shape before they were added). */
    public PendingNotification(String id, String channel, String recipient, String action, int step, int repeat,
            String fallbackChannel, String fallbackRecipient, ApprovalRequest approval) {
        this(id, channel, recipient, action, step, repeat, fallbackChannel, fallbackRecipient, approval, null, null);
    }

    /** This notification as the approval page of {@code request}. */
    public PendingNotification withApproval(ApprovalRequest request) {
        return new PendingNotification(id, channel, recipient, action, step, repeat, fallbackChannel,
                fallbackRecipient, request, level, note);
    }
}

package io.alertpilot.notifier.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of an escalation policy.
 *
 * @param after when the step is due, counted from the start of the policy's round (0 = at once)
 * @param contacts who is notified
 */
public record Step(Duration after, List<Contact> contacts) {

    public Step {
        Objects.requireNonNull(after, "after");
        contacts = List.copyOf(contacts);
    }
}

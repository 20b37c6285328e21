package io.alertpilot.notifier.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of an escalation policy.
 *
 * @param after when the step is due, counted from the start of the policy's round (0 = at once)
 * @param contacts who is notified
 * @param level the on-call level it pages ({@code primary}, {@code secondary}, {@code lead}, {@code manager},
 *     {@code executive}, or the policy's own word), shown in pages and on the timeline; null when not given
 */
public record Step(Duration after, List<Contact> contacts, String level) {

    public Step {
        Objects.requireNonNull(after, "after");
        contacts = List.copyOf(contacts);
    }

    /** A step without a level. */
    public Step(Duration after, List<Contact> contacts) {
        this(after, contacts, null);
    }
}

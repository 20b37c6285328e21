package io.alertpilot.notifier.escalation;

import java.util.Objects;

/**
 * Who a step notifies: a channel type and a recipient on it (a PagerDuty routing-key name, an Opsgenie responder such
 * as {@code schedule:shop-primary}, a Slack or Teams webhook name, an e-mail address, a webhook name, a log label).
 */
public record Contact(String channel, String to) {

    public Contact {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(to, "to");
    }

    /** {@code channel:to}, the form kept in an incident's {@code paged} list. */
    public String key() {
        return channel + ":" + to;
    }

    /** The contact of a {@code channel:to} key. */
    public static Contact ofKey(String key) {
        int colon = key.indexOf(':');
        return new Contact(key.substring(0, colon), key.substring(colon + 1));
    }

    @Override
    public String toString() {
        return key();
    }
}

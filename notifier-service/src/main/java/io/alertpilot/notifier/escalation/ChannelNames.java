package io.alertpilot.notifier.escalation;

import java.util.List;
import java.util.Set;

/** The channel types a policy may name, and which of them deduplicate by the incident's key at the provider. */
public final class ChannelNames {

    public static final String PAGERDUTY = "pagerduty";
    public static final String OPSGENIE = "opsgenie";
    public static final String SLACK = "slack";
    /** A Slack app: messages with buttons posted by a bot to a channel id (Slack's Web API). */
    public static final String SLACK_APP = "slack-app";
    public static final String TEAMS = "teams";
    public static final String EMAIL = "email";
    public static final String WEBHOOK = "webhook";
    public static final String LOG = "log";

    /** Every channel type, in a stable order (metrics are registered for each). */
    public static final List<String> ALL = List.of(PAGERDUTY, OPSGENIE, SLACK, SLACK_APP, TEAMS, EMAIL, WEBHOOK, LOG);

    /**
     * Channels whose provider keeps one alert per key (PagerDuty {@code dedup_key}, Opsgenie {@code alias}): sending
     * the same trigger, acknowledge or resolve twice changes nothing there, so a send whose outcome is in doubt may be
     * repeated. They are also the channels that learn of an acknowledgement.
     */
    public static final Set<String> DEDUPLICATING = Set.of(PAGERDUTY, OPSGENIE);

    private ChannelNames() {
    }
}

package io.alertpilot.model.kafka;

/** The default topic names; every service lets them be configured. */
public final class Topics {

    /** Normalized alerts, key = fingerprint. */
    public static final String ALERTS = "alertpilot.alerts.v1";
    /** Refused request bodies with their reason, key = source. */
    public static final String ALERTS_REJECTED = "alertpilot.alerts.rejected.v1";
    /** Remediation events, key = target key. */
    public static final String REMEDIATIONS = "alertpilot.remediations.v1";
    /** Per-target guard state (compacted), key = target key. */
    public static final String REMEDIATION_LEDGER = "alertpilot.remediation-ledger.v1";
    /** Approve or reject answers to remediations waiting for approval, key = remediation id. */
    public static final String REMEDIATION_COMMANDS = "alertpilot.remediation-commands.v1";
    /** Incident state (compacted), key = incident id. */
    public static final String INCIDENTS = "alertpilot.incidents.v1";
    /** The audit of every notification attempt, key = incident id. */
    public static final String NOTIFICATIONS = "alertpilot.notifications.v1";
    /** Maintenance windows (compacted), key = window id. */
    public static final String MAINTENANCE_WINDOWS = "alertpilot.maintenance-windows.v1";
    /** Maintenance windows created and ended (who, when, why), append-only, key = window id. */
    public static final String MAINTENANCE_EVENTS = "alertpilot.maintenance-events.v1";
    /**
     * The {@code retention.ms} the services declare their event topics with (alerts, remediations, remediation
     * commands, notifications, maintenance events), and the {@code min.compaction.lag.ms} of the incidents topic:
     * 30 days, the history the read model holds by default ({@code alertpilot.read-model.retention}). A broker's
     * default (7 days) would lose what a restarted read model reads back.
     */
    public static final String HISTORY_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);
    /** The suffix of dead-letter topics, named explicitly because the framework default changed between versions. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    /** The dead-letter topic of {@code topic}. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}

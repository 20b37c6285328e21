package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one record of a topic kind to the read model: its JSON value read as the kind's type, a tombstone on the
 * window topic as the window's removal (tombstones elsewhere are ignored). A record that cannot be read or applied is
 * counted ({@code alertpilot.read-model.unreadable}, tagged with the kind, registered up front for every kind),
 * logged without its payload, and skipped. Thread safe.
 */
final class RecordApplier {

    private static final Logger log = LoggerFactory.getLogger(RecordApplier.class);

    private final ReadModel model;
    private final Map<ReadModelTopics.Kind, Counter> unreadable = new EnumMap<>(ReadModelTopics.Kind.class);

    RecordApplier(ReadModel model, MeterRegistry registry) {
        this.model = model;
        for (ReadModelTopics.Kind kind : ReadModelTopics.Kind.values()) {
            unreadable.put(kind, Counter.builder("alertpilot.read-model.unreadable")
                    .description("records of the read model's topics that could not be read, skipped")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** Applies the record {@code key}/{@code value} ({@code value} null: a tombstone) of {@code kind}. */
    void apply(ReadModelTopics.Kind kind, String key, byte[] value, String where) {
        try {
            if (value == null) {
                if (kind == ReadModelTopics.Kind.MAINTENANCE_WINDOWS && key != null) {
                    model.onWindow(key, null);
                }
                return;
            }
            switch (kind) {
                case ALERTS -> model.onAlert(Json.read(value, AlertEvent.class));
                case REMEDIATIONS -> model.onRemediation(Json.read(value, RemediationEvent.class));
                case REMEDIATION_COMMANDS -> model.onCommand(Json.read(value, RemediationCommand.class));
                case INCIDENTS -> model.onIncident(Json.read(value, Incident.class));
                case NOTIFICATIONS -> model.onNotification(Json.read(value, NotificationEvent.class));
                case MAINTENANCE_WINDOWS -> {
                    MaintenanceWindow window = Json.read(value, MaintenanceWindow.class);
                    model.onWindow(key == null ? window.id() : key, window);
                }
                case MAINTENANCE_EVENTS -> model.onMaintenanceEvent(Json.read(value, MaintenanceEvent.class));
            }
        } catch (RuntimeException e) {
            unreadable.get(kind).increment();
            log.warn("record {} is unreadable and skipped: {}", where, e.getMessage());
        }
    }

    /** How many records of {@code kind} were skipped. */
    double unreadable(ReadModelTopics.Kind kind) {
        return unreadable.get(kind).count();
    }
}

package io.alertpilot.support.maintenance;

import io.alertpilot.model.kafka.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where maintenance windows live ({@code alertpilot.maintenance.*}).
 *
 * @param topic the compacted topic of the windows, key = window id
 * @param eventsTopic the append-only topic of windows created, started, expired and ended (who, when, why)
 * @param incidentsTopic the compacted incident topic, whose open incidents a window preview lists
 * @param replicas replication factor of both topics when they are created (0: the broker's default)
 * @param sendTimeout how long a create or an end waits for Kafka's acknowledgement
 * @param transitionsInterval how often the remediation service looks for windows that started or expired on their
 *     schedule, to write their STARTED and EXPIRED events
 * @throws IllegalArgumentException naming the property that is blank or negative
 */
@ConfigurationProperties("alertpilot.maintenance")
public record MaintenanceProperties(
        @DefaultValue(Topics.MAINTENANCE_WINDOWS) String topic,
        @DefaultValue(Topics.MAINTENANCE_EVENTS) String eventsTopic,
        @DefaultValue(Topics.INCIDENTS) String incidentsTopic,
        @DefaultValue("0") int replicas,
        @DefaultValue("10s") Duration sendTimeout,
        @DefaultValue("1s") Duration transitionsInterval) {

    public MaintenanceProperties {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("alertpilot.maintenance.topic must not be blank");
        }
        if (eventsTopic == null || eventsTopic.isBlank()) {
            throw new IllegalArgumentException("alertpilot.maintenance.events-topic must not be blank");
        }
        if (incidentsTopic == null || incidentsTopic.isBlank()) {
            throw new IllegalArgumentException("alertpilot.maintenance.incidents-topic must not be blank");
        }
        if (replicas < 0) {
            throw new IllegalArgumentException("alertpilot.maintenance.replicas must be 0 or more");
        }
        if (sendTimeout == null || sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("alertpilot.maintenance.send-timeout must be positive");
        }
        if (transitionsInterval == null || transitionsInterval.isNegative() || transitionsInterval.isZero()) {
            throw new IllegalArgumentException("alertpilot.maintenance.transitions-interval must be positive");
        }
    }
}

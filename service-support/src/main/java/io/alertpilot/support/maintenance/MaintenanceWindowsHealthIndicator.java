package io.alertpilot.support.maintenance;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the maintenance windows ({@code maintenanceWindows}): UP while their topic is read and followed, DOWN
 * (with why) when a service that uses them cannot read it, so windows may be stale or unknown there; UNKNOWN in a
 * service that never uses them. Not part of the readiness group: a notifier that cannot read windows still pages.
 */
public final class MaintenanceWindowsHealthIndicator implements HealthIndicator {

    private final KafkaMaintenanceWindows windows;

    public MaintenanceWindowsHealthIndicator(KafkaMaintenanceWindows windows) {
        this.windows = windows;
    }

    @Override
    public Health health() {
        if (windows.ready()) {
            return Health.up().withDetail("windows", windows.current().map(c -> c.size()).orElse(0)).build();
        }
        if (!windows.used()) {
            return Health.unknown().withDetail("reason", "not used by this service").build();
        }
        String failure = windows.failure();
        return Health.down().withDetail("reason", failure == null ? "the window topic is being read" : failure)
                .build();
    }
}

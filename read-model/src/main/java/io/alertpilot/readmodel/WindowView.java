package io.alertpilot.readmodel;

import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowState;

/** A maintenance window and its state at the time of the answer. */
public record WindowView(MaintenanceWindow window, WindowState state) {
}

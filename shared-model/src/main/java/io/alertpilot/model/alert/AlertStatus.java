package io.alertpilot.model.alert;

/** Whether an alert is firing or has resolved. */
public enum AlertStatus {
    FIRING,
    RESOLVED
}

package io.alertpilot.model.alert;

/** Where an alert came from. */
public enum AlertSource {
    ALERTMANAGER,
    AZURE_MONITOR,
    GENERIC
}

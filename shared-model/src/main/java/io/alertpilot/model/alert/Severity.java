package io.alertpilot.model.alert;

/** The normalized severity of an alert, most severe first; see {@link SeverityMapping} for how source text maps to it. */
public enum Severity {
    CRITICAL,
    HIGH,
    WARNING,
    INFO;

    /** True when this severity is at least as severe as {@code other}. */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}

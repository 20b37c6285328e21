package io.alertpilot.model.incident;

/** The states of an incident: TRIGGERED -> REMEDIATING -> (REMEDIATED | ESCALATED) -> ACKNOWLEDGED -> RESOLVED. */
public enum IncidentState {
    TRIGGERED,
    REMEDIATING,
    REMEDIATED,
    ESCALATED,
    ACKNOWLEDGED,
    RESOLVED;

    /** True while the incident may still page someone. */
    public boolean open() {
        return this != RESOLVED;
    }
}

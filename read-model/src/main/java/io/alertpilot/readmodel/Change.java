package io.alertpilot.readmodel;

/**
 * Something in the read model changed, for live pages (server-sent events).
 *
 * @param what which list changed
 * @param id the incident, remediation or window id that changed
 */
public record Change(What what, String id) {

    /** Which list changed. */
    public enum What {
        INCIDENT,
        REMEDIATION,
        WINDOW
    }
}

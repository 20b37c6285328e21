package io.alertpilot.model.kafka;

/** Names of the Kafka record headers AlertPilot writes. */
public final class EventHeaders {

    /** The simple name of the value's type, e.g. {@code AlertEvent}. */
    public static final String TYPE = "alertpilot-type";
    /** The schema version of the value. */
    public static final String SCHEMA_VERSION = "alertpilot-schema-version";
    /** The source of an alert or rejected payload. */
    public static final String SOURCE = "alertpilot-source";

    private EventHeaders() {
    }
}

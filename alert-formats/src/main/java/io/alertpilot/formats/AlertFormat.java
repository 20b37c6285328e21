package io.alertpilot.formats;

import tools.jackson.databind.JsonNode;

/** The formats an alert body can have, told apart by their shape when the endpoint does not say which it is. */
public enum AlertFormat {

    /** Alertmanager's webhook message: an object with {@code version} and {@code alerts}. */
    ALERTMANAGER,
    /** Azure Monitor's common alert schema: an object with {@code schemaId}. */
    AZURE_MONITOR,
    /** An already normalized {@code AlertEvent}: an object with {@code schemaVersion} or {@code eventId}. */
    ALERT_EVENT,
    /** AlertPilot's own shape: an array of alerts, or one alert object. */
    GENERIC;

    /**
     * The format of {@code body}, checked in the order of the constants: any array, and any object that is none of
     * the others, is {@link #GENERIC}.
     *
     * @throws InvalidAlertException when the body is missing, null or neither a JSON object nor an array
     */
    public static AlertFormat of(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidAlertException("$", "the body must be an alert: an Alertmanager webhook, an Azure Monitor "
                    + "alert, an AlertEvent or generic alerts");
        }
        if (body.isArray()) {
            return GENERIC;
        }
        if (!body.isObject()) {
            throw new InvalidAlertException("$", "the body must be a JSON object or array");
        }
        if (body.has("version") && body.has("alerts")) {
            return ALERTMANAGER;
        }
        if (body.has("schemaId")) {
            return AZURE_MONITOR;
        }
        if (body.has("schemaVersion") || body.has("eventId")) {
            return ALERT_EVENT;
        }
        return GENERIC;
    }
}

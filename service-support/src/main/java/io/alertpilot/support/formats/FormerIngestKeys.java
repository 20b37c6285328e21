package io.alertpilot.support.formats;

import io.alertpilot.model.alert.Severity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The former names of the format keys, {@code alertpilot.ingest.severities.*} and
 * {@code alertpilot.ingest.max-alerts-per-request}, still read so that an existing configuration keeps working. A
 * key set under both names with different values is refused, naming both.
 */
record FormerIngestKeys(Map<String, Severity> severities, Integer maxAlertsPerRequest) {

    static final String SEVERITIES = "alertpilot.ingest.severities";
    static final String MAX_ALERTS = "alertpilot.ingest.max-alerts-per-request";

    static FormerIngestKeys of(Environment environment) {
        Binder binder = Binder.get(environment);
        return new FormerIngestKeys(
                binder.bind(SEVERITIES, Bindable.mapOf(String.class, Severity.class)).orElse(Map.of()),
                binder.bind(MAX_ALERTS, Integer.class).orElse(null));
    }

    boolean isEmpty() {
        return severities.isEmpty() && maxAlertsPerRequest == null;
    }

    /** The severities of both names, the current name's entries with the former's that it does not set. */
    Map<String, Severity> mergeSeverities(Map<String, Severity> current) {
        Map<String, Severity> merged = new LinkedHashMap<>(severities);
        current.forEach((text, severity) -> {
            Severity former = merged.put(text, severity);
            if (former != null && former != severity) {
                throw conflict("severities." + text, severity, SEVERITIES + "." + text, former);
            }
        });
        return merged;
    }

    /** The limit under the current name, else the former, else the default. */
    int maxAlertsPerRequest(Integer current, int byDefault) {
        if (current != null && maxAlertsPerRequest != null && !Objects.equals(current, maxAlertsPerRequest)) {
            throw conflict("max-alerts-per-request", current, MAX_ALERTS, maxAlertsPerRequest);
        }
        return current != null ? current : maxAlertsPerRequest != null ? maxAlertsPerRequest : byDefault;
    }

    private static IllegalStateException conflict(String key, Object value, String formerKey, Object formerValue) {
        return new IllegalStateException("alertpilot.formats." + key + " is " + value + " but its former name "
                + formerKey + " is " + formerValue + ": set only alertpilot.formats." + key);
    }
}

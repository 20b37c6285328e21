package io.alertpilot.formats;

import static io.alertpilot.formats.Fields.firstNonBlank;
import static io.alertpilot.formats.Fields.optionalString;
import static io.alertpilot.formats.Fields.optionalTime;
import static io.alertpilot.formats.Fields.path;
import static io.alertpilot.formats.Fields.requireObject;
import static io.alertpilot.formats.Fields.requiredString;
import static io.alertpilot.formats.Fields.stringMap;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.LabelFingerprint;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON array of alerts in AlertPilot's own shape, for tools other than Alertmanager and Azure Monitor.
 *
 * <p>Each alert needs {@code name} and {@code status} ({@code firing} or {@code resolved}); {@code fingerprint} is
 * kept when given, else computed from the labels (with {@code alertname} set to {@code name}). {@code severity} is
 * mapped like a severity label. {@code target} fields override what the labels say.
 */
public final class GenericNormalizer implements Normalizer {

    private static final String[] TARGET_FIELDS = {
        "cluster", "namespace", "kind", "name", "pod", "container", "node", "service", "azureResourceId"
    };

    private final SeverityMapping severities;
    private final ValueBound bound;
    private final int maxAlerts;

    /** A normalizer that maps severities and limits the alerts of one body as {@code settings} say. */
    public GenericNormalizer(FormatSettings settings) {
        this.severities = settings.severities();
        this.bound = new ValueBound(settings);
        this.maxAlerts = settings.maxAlertsPerRequest();
    }

    @Override
    public AlertSource source() {
        return AlertSource.GENERIC;
    }

    @Override
    public List<AlertEvent> normalize(JsonNode body, Instant receivedAt, TruncationListener truncations) {
        if (body == null || !body.isArray()) {
            throw new InvalidAlertException("$", "the body must be a JSON array of alerts");
        }
        Fields.requireWellFormedText(body);
        if (body.isEmpty()) {
            throw new InvalidAlertException("$", "the array holds no alert");
        }
        if (body.size() > maxAlerts) {
            throw new InvalidAlertException("$", "the array holds " + body.size() + " alerts, more than the limit of "
                    + maxAlerts + " per request");
        }
        List<AlertEvent> events = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            events.add(alert(body.get(i), path("", i), receivedAt));
        }
        return bound.apply(events, truncations);
    }

    private AlertEvent alert(JsonNode alert, String path, Instant receivedAt) {
        requireObject(alert, path);
        String name = requiredString(alert, "name", path);
        AlertStatus status = status(requiredString(alert, "status", path), path(path, "status"));
        Map<String, String> labels = new LinkedHashMap<>(stringMap(alert, "labels", path));
        labels.putIfAbsent("alertname", name);
        Map<String, String> annotations = stringMap(alert, "annotations", path);
        String sourceSeverity = firstNonBlank(optionalString(alert, "severity", path), labels.get("severity"));
        String fingerprint = firstNonBlank(optionalString(alert, "fingerprint", path));
        if (fingerprint == null) {
            fingerprint = LabelFingerprint.of(labels);
        } else if (fingerprint.length() > 200) {
            throw new InvalidAlertException(path(path, "fingerprint"),
                    "'" + path(path, "fingerprint") + "' is longer than 200 characters");
        }
        Instant startsAt = optionalTime(alert, "startsAt", path);
        Instant endsAt = optionalTime(alert, "endsAt", path);
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                AlertSource.GENERIC,
                fingerprint,
                status,
                name,
                severities.map(sourceSeverity),
                sourceSeverity,
                firstNonBlank(optionalString(alert, "summary", path), annotations.get("summary"), name),
                firstNonBlank(optionalString(alert, "description", path), annotations.get("description")),
                firstNonBlank(optionalString(alert, "runbookUrl", path), annotations.get("runbook_url")),
                optionalString(alert, "generatorUrl", path),
                labels,
                annotations,
                target(alert, path, labels),
                startsAt == null ? receivedAt : startsAt,
                status == AlertStatus.FIRING ? null : endsAt,
                receivedAt,
                optionalString(alert, "groupKey", path),
                optionalString(alert, "receiver", path),
                optionalString(alert, "externalUrl", path));
    }

    private static Target target(JsonNode alert, String path, Map<String, String> labels) {
        Target fromLabels = TargetLabels.from(labels, null);
        JsonNode given = alert.get("target");
        if (given == null || given.isNull()) {
            return fromLabels;
        }
        Map<String, String> fields = stringMap(alert, "target", path);
        for (String key : fields.keySet()) {
            if (!List.of(TARGET_FIELDS).contains(key)) {
                String fieldPath = path(path(path, "target"), key);
                throw new InvalidAlertException(fieldPath, "'" + fieldPath + "' is not a target field; known are "
                        + String.join(", ", TARGET_FIELDS));
            }
        }
        return new Target(
                or(fields.get("cluster"), fromLabels.cluster()),
                or(fields.get("namespace"), fromLabels.namespace()),
                or(fields.get("kind"), fromLabels.kind()),
                or(fields.get("name"), fromLabels.name()),
                or(fields.get("pod"), fromLabels.pod()),
                or(fields.get("container"), fromLabels.container()),
                or(fields.get("node"), fromLabels.node()),
                or(fields.get("service"), fromLabels.service()),
                or(fields.get("azureResourceId"), fromLabels.azureResourceId()));
    }

    private static String or(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }

    private static AlertStatus status(String status, String path) {
        return switch (status.trim().toLowerCase(Locale.ROOT)) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidAlertException(path,
                    "'" + path + "' must be \"firing\" or \"resolved\", not \"" + Fields.shorten(status) + "\"");
        };
    }
}

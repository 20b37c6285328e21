package io.alertpilot.formats;

import static io.alertpilot.formats.Fields.firstNonBlank;
import static io.alertpilot.formats.Fields.optionalString;
import static io.alertpilot.formats.Fields.optionalTime;
import static io.alertpilot.formats.Fields.path;
import static io.alertpilot.formats.Fields.requireObject;
import static io.alertpilot.formats.Fields.stringMap;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.LabelFingerprint;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * Reads Alertmanager's webhook message (payload version 4). Each alert of the group becomes one event with its own
 * status, so a resolved alert inside a firing message resolves only itself. Fields of newer Alertmanager versions
 * ({@code notification_reason}, {@code routeLabels}) and unknown fields are tolerated. A missing {@code fingerprint} is
 * computed from the labels as Alertmanager does.
 */
public final class AlertmanagerNormalizer implements Normalizer {

    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{1,64}");
    private static final Pattern QUOTED_META = Pattern.compile("\\\\(.)");

    private final SeverityMapping severities;
    private final ValueBound bound;
    private final int maxAlerts;

    /** A normalizer that maps severities and limits the alerts of one body as {@code settings} say. */
    public AlertmanagerNormalizer(FormatSettings settings) {
        this.severities = settings.severities();
        this.bound = new ValueBound(settings);
        this.maxAlerts = settings.maxAlertsPerRequest();
    }

    @Override
    public AlertSource source() {
        return AlertSource.ALERTMANAGER;
    }

    /** Reads {@code body} as {@link #normalize(JsonParser, Instant, TruncationListener)} reads its tokens. */
    @Override
    public List<AlertEvent> normalize(JsonNode body, Instant receivedAt, TruncationListener truncations) {
        requireObject(body, "$");
        try (JsonParser parser = Json.mapper().treeAsTokens(body)) {
            return normalize(parser, receivedAt, truncations);
        }
    }

    /**
     * Reads the message in one pass, holding one alert's tree at a time and its events, never a tree of the whole
     * body; more alerts than the limit are counted, not turned into events.
     */
    @Override
    public List<AlertEvent> normalize(JsonParser body, Instant receivedAt, TruncationListener truncations) {
        AlertmanagerMessage message = new AlertmanagerMessage(maxAlerts,
                (alert, path) -> alert(alert, path, receivedAt)).read(body);
        return bound.apply(message.events(AlertmanagerNormalizer::withGroup), truncations);
    }

    private AlertEvent alert(JsonNode alert, String path, Instant receivedAt) {
        requireObject(alert, path);
        AlertStatus status = status(alert, path);
        requireObject(alert.get("labels"), path(path, "labels"));
        Map<String, String> labels = stringMap(alert, "labels", path);
        Map<String, String> annotations = stringMap(alert, "annotations", path);
        String name = labels.get("alertname");
        if (name == null || name.isBlank()) {
            throw new InvalidAlertException(path(path, "labels.alertname"),
                    "'" + path(path, "labels.alertname") + "' is required");
        }
        Instant startsAt = optionalTime(alert, "startsAt", path);
        Instant endsAt = optionalTime(alert, "endsAt", path);
        String fingerprint = optionalString(alert, "fingerprint", path);
        if (fingerprint == null || fingerprint.isBlank()) {
            fingerprint = LabelFingerprint.of(labels);
        } else if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new InvalidAlertException(path(path, "fingerprint"),
                    "'" + path(path, "fingerprint") + "' must be lower-case hex, as Alertmanager writes it");
        }
        String sourceSeverity = labels.get("severity");
        return new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                AlertSource.ALERTMANAGER,
                fingerprint,
                status,
                name,
                severities.map(sourceSeverity),
                sourceSeverity,
                firstNonBlank(annotations.get("summary"), annotations.get("message"), annotations.get("title"), name),
                firstNonBlank(annotations.get("description")),
                firstNonBlank(annotations.get("runbook_url"), annotations.get("runbook"), annotations.get("runbookUrl")),
                firstNonBlank(optionalString(alert, "generatorURL", path)),
                labels,
                annotations,
                TargetLabels.from(labels, null),
                startsAt,
                status == AlertStatus.FIRING ? null : endsAt,
                receivedAt,
                null,
                null,
                null);
    }

    private static AlertEvent withGroup(AlertEvent alert, String groupKey, String receiver, String externalUrl) {
        return new AlertEvent(alert.schemaVersion(), alert.eventId(), alert.source(), alert.fingerprint(),
                alert.status(), alert.name(), alert.severity(), alert.sourceSeverity(), alert.summary(),
                alert.description(), alert.runbookUrl(), alert.generatorUrl(), alert.labels(), alert.annotations(),
                alert.target(), alert.startsAt(), alert.endsAt(), alert.receivedAt(), groupKey, unquoteMeta(receiver),
                externalUrl);
    }

    private static AlertStatus status(JsonNode alert, String path) {
        String status = optionalString(alert, "status", path);
        String statusPath = path(path, "status");
        if (status == null) {
            throw new InvalidAlertException(statusPath, "'" + statusPath + "' is required: \"firing\" or \"resolved\"");
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "firing" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidAlertException(statusPath,
                    "'" + statusPath + "' must be \"firing\" or \"resolved\", not \"" + Fields.shorten(status) + "\"");
        };
    }

    /** Alertmanager passes the receiver name through regexp.QuoteMeta; this undoes it ({@code shop\.pager}). */
    private static String unquoteMeta(String receiver) {
        return receiver == null ? null : QUOTED_META.matcher(receiver).replaceAll("$1");
    }
}

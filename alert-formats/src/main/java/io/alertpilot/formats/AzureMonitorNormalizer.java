package io.alertpilot.formats;

import static io.alertpilot.formats.Fields.firstNonBlank;
import static io.alertpilot.formats.Fields.optionalString;
import static io.alertpilot.formats.Fields.optionalTime;
import static io.alertpilot.formats.Fields.path;
import static io.alertpilot.formats.Fields.requireObject;
import static io.alertpilot.formats.Fields.requiredString;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.alert.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Reads Azure Monitor's common alert schema: metric alerts, log search alerts (v2 and older) and activity log alerts.
 *
 * <p>The fingerprint is derived from {@code essentials.alertId} (compared case-insensitively), which Azure keeps for
 * the Fired and the Resolved call of one alert instance. Labels are {@code alertname}, {@code severity}, the
 * condition's dimensions (names in lower case), the rule's {@code alertContext.properties} and the action's custom
 * properties (which win, in that order); the Kubernetes target comes from
 * them and the cluster from the target resource id. The {@code alertContext} is read as a tree because its shape and
 * field types change with the monitoring service.
 */
public final class AzureMonitorNormalizer implements Normalizer {

    static final String SCHEMA_ID = "azureMonitorCommonAlertSchema";
    private static final String CLUSTER_SEGMENT = "/providers/microsoft.containerservice/managedclusters/";

    private final SeverityMapping severities;
    private final ValueBound bound;

    /** A normalizer that maps severities as {@code settings} say (an Azure body holds one alert: no limit applies). */
    public AzureMonitorNormalizer(FormatSettings settings) {
        this.severities = settings.severities();
        this.bound = new ValueBound(settings);
    }

    @Override
    public AlertSource source() {
        return AlertSource.AZURE_MONITOR;
    }

    @Override
    public List<AlertEvent> normalize(JsonNode body, Instant receivedAt, TruncationListener truncations) {
        requireObject(body, "$");
        Fields.requireWellFormedText(body);
        String schemaId = optionalString(body, "schemaId", "");
        if (!SCHEMA_ID.equals(schemaId)) {
            throw new InvalidAlertException("schemaId", "'schemaId' must be \"" + SCHEMA_ID
                    + "\": enable the common alert schema on the action group's webhook");
        }
        JsonNode data = requireObject(body.get("data"), "data");
        JsonNode essentials = requireObject(data.get("essentials"), "data.essentials");
        String at = "data.essentials";

        String alertId = requiredString(essentials, "alertId", at);
        String rule = requiredString(essentials, "alertRule", at);
        AlertStatus status = status(requiredString(essentials, "monitorCondition", at));
        String sourceSeverity = optionalString(essentials, "severity", at);
        Instant firedAt = optionalTime(essentials, "firedDateTime", at);
        Instant resolvedAt = optionalTime(essentials, "resolvedDateTime", at);
        String description = firstNonBlank(optionalString(essentials, "description", at));
        String ruleId = firstNonBlank(optionalString(essentials, "alertRuleID", at),
                optionalString(essentials, "alertRuleId", at));
        String resourceId = firstTargetId(essentials);

        JsonNode context = data.get("alertContext");
        Map<String, String> dimensions = context != null && context.isObject() ? dimensions(context) : Map.of();
        Map<String, String> custom = Fields.stringMap(data, "customProperties", "data");

        Map<String, String> labels = new LinkedHashMap<>();
        labels.putAll(dimensions);
        labels.putAll(contextProperties(context));
        labels.putAll(custom);
        labels.put("alertname", rule);
        if (sourceSeverity != null) {
            labels.put("severity", sourceSeverity);
        }
        String cluster = clusterName(resourceId);
        if (cluster != null) {
            labels.putIfAbsent("cluster", cluster);
        }

        Map<String, String> annotations = new LinkedHashMap<>();
        putIfPresent(annotations, "description", description);
        putIfPresent(annotations, "alertId", alertId);
        putIfPresent(annotations, "alertRuleId", ruleId);
        putIfPresent(annotations, "signalType", optionalString(essentials, "signalType", at));
        putIfPresent(annotations, "monitoringService", optionalString(essentials, "monitoringService", at));
        putIfPresent(annotations, "originAlertId", optionalString(essentials, "originAlertId", at));

        Target fromLabels = TargetLabels.from(labels, resourceId);
        return bound.apply(List.of(new AlertEvent(
                AlertEvent.SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                AlertSource.AZURE_MONITOR,
                fingerprint(alertId),
                status,
                rule,
                severities.map(sourceSeverity),
                sourceSeverity,
                firstNonBlank(description, rule),
                description,
                firstNonBlank(custom.get("runbook"), custom.get("runbook_url"), custom.get("runbookUrl")),
                searchLink(context),
                labels,
                annotations,
                fromLabels,
                firedAt,
                status == AlertStatus.RESOLVED ? resolvedAt : null,
                receivedAt,
                null,
                null,
                null)), truncations);
    }

    /** A stable fingerprint for an Azure alert instance: the first 64 bits of SHA-256 over its lower-case id. */
    static String fingerprint(String alertId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(alertId.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static AlertStatus status(String condition) {
        return switch (condition.trim().toLowerCase(Locale.ROOT)) {
            case "fired" -> AlertStatus.FIRING;
            case "resolved" -> AlertStatus.RESOLVED;
            default -> throw new InvalidAlertException("data.essentials.monitorCondition",
                    "'data.essentials.monitorCondition' must be \"Fired\" or \"Resolved\", not \""
                            + Fields.shorten(condition) + "\"");
        };
    }

    private static String firstTargetId(JsonNode essentials) {
        JsonNode ids = essentials.get("alertTargetIDs");
        if (ids == null || ids.isNull()) {
            return null;
        }
        if (!ids.isArray()) {
            throw new InvalidAlertException("data.essentials.alertTargetIDs",
                    "'data.essentials.alertTargetIDs' must be an array of strings");
        }
        for (int i = 0; i < ids.size(); i++) {
            JsonNode id = ids.get(i);
            if (!id.isString()) {
                String path = path("data.essentials.alertTargetIDs", i);
                throw new InvalidAlertException(path, "'" + path + "' must be a string");
            }
            if (!id.stringValue().isBlank()) {
                return id.stringValue();
            }
        }
        return null;
    }

    /** The cluster name of an AKS resource id, or null for any other resource. */
    static String clusterName(String resourceId) {
        if (resourceId == null) {
            return null;
        }
        String lower = resourceId.toLowerCase(Locale.ROOT);
        int at = lower.indexOf(CLUSTER_SEGMENT);
        if (at < 0) {
            return null;
        }
        String rest = resourceId.substring(at + CLUSTER_SEGMENT.length());
        int slash = rest.indexOf('/');
        String name = slash < 0 ? rest : rest.substring(0, slash);
        return name.isBlank() ? null : name;
    }

    /**
     * The dimensions of every criterion, names in lower case; values that are not strings are skipped (the
     * context's shape is not ours to enforce).
     */
    private static Map<String, String> dimensions(JsonNode context) {
        Map<String, String> dimensions = new LinkedHashMap<>();
        JsonNode allOf = context.path("condition").path("allOf");
        if (!allOf.isArray()) {
            return dimensions;
        }
        for (JsonNode criterion : allOf) {
            JsonNode list = criterion.path("dimensions");
            if (!list.isArray()) {
                continue;
            }
            for (JsonNode dimension : list) {
                JsonNode name = dimension.path("name");
                JsonNode value = dimension.path("value");
                if (name.isString() && !name.stringValue().isBlank() && (value.isString() || value.isNumber())) {
                    dimensions.putIfAbsent(name.stringValue().toLowerCase(Locale.ROOT), value.asString());
                }
            }
        }
        return dimensions;
    }

    /**
     * The rule's own properties ({@code alertContext.properties}) of metric and log search alerts, the contexts with a
     * {@code condition}; an activity log event's {@code properties} describe the event, not the rule, and are left
     * out. Values that are not text are skipped.
     */
    private static Map<String, String> contextProperties(JsonNode context) {
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode node = context == null || !context.path("condition").isObject() ? null : context.get("properties");
        if (node == null || !node.isObject()) {
            return properties;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getKey().isBlank() && (entry.getValue().isString() || entry.getValue().isNumber())) {
                properties.put(entry.getKey(), entry.getValue().asString());
            }
        }
        return properties;
    }

    private static String searchLink(JsonNode context) {
        if (context == null || !context.isObject()) {
            return null;
        }
        for (JsonNode criterion : context.path("condition").path("allOf")) {
            JsonNode link = criterion.path("linkToFilteredSearchResultsUI");
            if (link.isString() && !link.stringValue().isBlank()) {
                return link.stringValue();
            }
        }
        return null;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }
}

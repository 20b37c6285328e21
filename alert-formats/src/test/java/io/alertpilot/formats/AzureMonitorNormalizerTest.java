package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.Expectations.assertAlerts;
import static io.alertpilot.formats.Expectations.map;
import static io.alertpilot.formats.JsonEdit.remove;
import static io.alertpilot.formats.JsonEdit.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Samples;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AzureMonitorNormalizerTest {

    private static final String SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";
    private static final String CLUSTER = "aks-shop-prod-weu";
    private static final String CLUSTER_ID = SUBSCRIPTION
            + "/resourcegroups/rg-shop-prod/providers/microsoft.containerservice/managedclusters/aks-shop-prod-weu";
    private static final String METRIC_ALERT_ID = SUBSCRIPTION
            + "/providers/Microsoft.AlertsManagement/alerts/5b7e1c3a-9f24-4d6b-8a11-2c9e0f4d7a63";
    private static final String METRIC_DESCRIPTION = "A checkout-api pod in namespace shop on aks-shop-prod-weu is not Ready.";
    private static final String POD = "checkout-api-7d9f8b6c5d-x2x4q";

    private final AzureMonitorNormalizer normalizer = new AzureMonitorNormalizer(SETTINGS);

    private List<AlertEvent> normalize(String sample) {
        return normalizer.normalize(Samples.json(sample), RECEIVED);
    }

    private AlertEvent normalize(JsonNode body) {
        List<AlertEvent> alerts = normalizer.normalize(body, RECEIVED);
        assertThat(alerts).hasSize(1);
        return alerts.getFirst();
    }

    // ---- the samples, field by field

    @Test
    void readsTheFiredMetricAlert() {
        assertAlerts(normalize("azure-monitor/metric-alert-fired.json"), metricAlert(AlertStatus.FIRING, null));
    }

    @Test
    void readsTheResolvedMetricAlertWithItsEnd() {
        assertAlerts(normalize("azure-monitor/metric-alert-resolved.json"),
                metricAlert(AlertStatus.RESOLVED, Instant.parse("2026-11-23T08:46:58.0736120Z")));
    }

    @Test
    void firedAndResolvedOfOneAlertIdShareTheFingerprint() {
        AlertEvent fired = normalize("azure-monitor/metric-alert-fired.json").getFirst();
        AlertEvent resolved = normalize("azure-monitor/metric-alert-resolved.json").getFirst();

        assertThat(resolved.fingerprint()).isEqualTo(fired.fingerprint()).isEqualTo("539113a358008e9f");
        assertThat(resolved.eventId()).isNotEqualTo(fired.eventId());
    }

    @Test
    void readsTheLogAlertV2WithItsNamespaceAndDeploymentDimensions() {
        String ruleId = SUBSCRIPTION
                + "/resourceGroups/rg-shop-prod/providers/microsoft.insights/scheduledqueryrules/shop-deployment-restarts";
        String description = "Containers of a deployment in namespace shop restarted more than 5 times in 15 minutes.";
        JsonNode sample = Samples.json("azure-monitor/log-alert-v2-fired.json");
        String searchLink = sample.at("/data/alertContext/condition/allOf/0/linkToFilteredSearchResultsUI").stringValue();

        assertAlerts(normalize("azure-monitor/log-alert-v2-fired.json"), new AlertEvent(
                1,
                "ignored",
                AlertSource.AZURE_MONITOR,
                "3a7e965f0e3047bf",
                AlertStatus.FIRING,
                "shop-deployment-restarts",
                Severity.WARNING,
                "Sev2",
                description,
                description,
                null,
                searchLink,
                map("namespace", "shop", "deployment", "checkout-api", "team", "shop-core",
                        "alertname", "shop-deployment-restarts", "severity", "Sev2", "cluster", CLUSTER),
                map("description", description,
                        "alertId", SUBSCRIPTION
                                + "/providers/Microsoft.AlertsManagement/alerts/0e9c4f6a-2d71-4b58-93e0-7a1c5b8d2f14",
                        "alertRuleId", ruleId,
                        "signalType", "Log",
                        "monitoringService", "Log Alerts V2",
                        "originAlertId", "6c1f2a9e-4b7d-4e0a-9d3c-5f8e2b1a7c40"),
                new Target(CLUSTER, "shop", "Deployment", "checkout-api", null, null, null, null, CLUSTER_ID),
                Instant.parse("2026-11-23T08:04:51.8820431Z"),
                null,
                RECEIVED,
                null,
                null,
                null));
        assertThat(searchLink).startsWith("https://portal.azure.com#@");
    }

    @Test
    void readsTheActivityLogAlert() {
        String description = "The production AKS cluster was stopped.";

        assertAlerts(normalize("azure-monitor/activity-log-alert.json"), new AlertEvent(
                1,
                "ignored",
                AlertSource.AZURE_MONITOR,
                "7f2ebe4ecfa5c160",
                AlertStatus.FIRING,
                "aks-shop-prod-cluster-stopped",
                Severity.INFO,
                "Sev4",
                description,
                description,
                null,
                null,
                map("alertname", "aks-shop-prod-cluster-stopped", "severity", "Sev4", "cluster", CLUSTER),
                map("description", description,
                        "alertId", SUBSCRIPTION
                                + "/providers/Microsoft.AlertsManagement/alerts/b3d9a0e2-6f1c-4c8e-a5d7-19f4e2c06b88",
                        "signalType", "Activity Log",
                        "monitoringService", "Activity Log - Administrative",
                        "originAlertId", "00000000-0000-0000-0000-000000000000_4f0a7c2e9b1d4e3f8a6c5b2d1e0f9a8b"),
                new Target(CLUSTER, null, null, null, null, null, null, null, CLUSTER_ID),
                Instant.parse("2026-11-23T10:14:09.6607213Z"),
                null,
                RECEIVED,
                null,
                null,
                null));
    }

    private static AlertEvent metricAlert(AlertStatus status, Instant endsAt) {
        return new AlertEvent(
                1,
                "ignored",
                AlertSource.AZURE_MONITOR,
                "539113a358008e9f",
                status,
                "shop-checkout-pod-not-ready",
                Severity.HIGH,
                "Sev1",
                METRIC_DESCRIPTION,
                METRIC_DESCRIPTION,
                "https://runbooks.shop.example.com/aks/pod-not-ready",
                null,
                map("namespace", "shop", "pod", POD, "condition", "true", "team", "shop-core",
                        "deployment", "checkout-api", "runbook", "https://runbooks.shop.example.com/aks/pod-not-ready",
                        "alertname", "shop-checkout-pod-not-ready", "severity", "Sev1", "cluster", CLUSTER),
                map("description", METRIC_DESCRIPTION,
                        "alertId", METRIC_ALERT_ID,
                        "alertRuleId", SUBSCRIPTION + "/resourceGroups/rg-shop-prod/providers/microsoft.insights/"
                                + "metricAlerts/shop-checkout-pod-not-ready",
                        "signalType", "Metric",
                        "monitoringService", "Platform",
                        "originAlertId", "00000000-0000-0000-0000-000000000000_rg-shop-prod_microsoft.insights_"
                                + "metricAlerts_shop-checkout-pod-not-ready_-1290385744"),
                new Target(CLUSTER, "shop", "Deployment", "checkout-api", POD, null, null, null, CLUSTER_ID),
                Instant.parse("2026-11-23T08:03:27.4411927Z"),
                endsAt,
                RECEIVED,
                null,
                null,
                null);
    }

    // ---- details of the format

    @Test
    void anEmptyDescriptionIsNoDescription() {
        // Azure sends "description": "" for rules without one
        AlertEvent alert = normalize(set(Samples.json("azure-monitor/metric-alert-fired.json"),
                "data.essentials.description", "\"\""));

        assertThat(alert.description()).isNull();
        assertThat(alert.summary()).isEqualTo("shop-checkout-pod-not-ready");
        assertThat(alert.annotations()).doesNotContainKey("description");
    }

    @Test
    void azureSev1IsHighAndSev0IsCritical() {
        JsonNode body = Samples.json("azure-monitor/metric-alert-fired.json");

        assertThat(normalize(body).severity()).isEqualTo(Severity.HIGH);
        assertThat(normalize(set(body, "data.essentials.severity", "\"Sev0\"")).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(normalize(set(body, "data.essentials.severity", "\"Sev3\"")).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aMissingSeverityIsInfoWithoutSeverityLabel() {
        AlertEvent alert = normalize(remove(Samples.json("azure-monitor/metric-alert-fired.json"), "data.essentials.severity"));

        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.sourceSeverity()).isNull();
        assertThat(alert.labels()).doesNotContainKey("severity");
    }

    @Test
    void theFingerprintIgnoresTheCaseOfTheAlertId() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-fired.json"), "data.essentials.alertId",
                '"' + METRIC_ALERT_ID.toUpperCase(Locale.ROOT) + '"');

        assertThat(normalize(body).fingerprint()).isEqualTo("539113a358008e9f");
    }

    @Test
    void aFiredAlertHasNoEndEvenWithAResolvedTime() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-resolved.json"), "data.essentials.monitorCondition",
                "\"Fired\"");

        AlertEvent alert = normalize(body);

        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.endsAt()).isNull();
    }

    @Test
    void readsATimeWithoutOffsetAsUtc() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-fired.json"), "data.essentials.firedDateTime",
                "\"2026-11-23T08:03:27.4411927\"");

        assertThat(normalize(body).startsAt()).isEqualTo(Instant.parse("2026-11-23T08:03:27.4411927Z"));
    }

    @Test
    void readsTheRuleIdInEitherSpelling() {
        JsonNode body = Samples.json("azure-monitor/metric-alert-fired.json");
        String ruleId = body.at("/data/essentials/alertRuleID").stringValue();
        body = remove(body, "data.essentials.alertRuleID");
        body = set(body, "data.essentials.alertRuleId", '"' + ruleId + '"');

        assertThat(normalize(body).annotations()).containsEntry("alertRuleId", ruleId);
    }

    @Test
    void aResourceOutsideAksGivesNoClusterButKeepsTheResourceId() {
        String vm = SUBSCRIPTION + "/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm-1";
        JsonNode body = set(Samples.json("azure-monitor/activity-log-alert.json"), "data.essentials.alertTargetIDs",
                "[\"" + vm + "\"]");

        AlertEvent alert = normalize(body);

        assertThat(alert.target()).isEqualTo(new Target(null, null, null, null, null, null, null, null, vm));
        assertThat(alert.labels()).doesNotContainKey("cluster");
    }

    @Test
    void withoutTargetIdsThereIsNoResource() {
        AlertEvent alert = normalize(remove(Samples.json("azure-monitor/activity-log-alert.json"),
                "data.essentials.alertTargetIDs"));

        assertThat(alert.target()).isEqualTo(Target.NONE);
    }

    @Test
    void skipsBlankTargetIds() {
        JsonNode body = set(Samples.json("azure-monitor/activity-log-alert.json"), "data.essentials.alertTargetIDs",
                "[\"\", \"" + CLUSTER_ID + "\"]");

        assertThat(normalize(body).target().azureResourceId()).isEqualTo(CLUSTER_ID);
    }

    @Test
    void readsNumericDimensionsAndSkipsOnesItCannotRead() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-fired.json"),
                "data.alertContext.condition.allOf[0].dimensions",
                "[{\"name\": \"Replicas\", \"value\": 3}, {\"name\": 7, \"value\": \"x\"}, {\"name\": \"obj\","
                        + " \"value\": {}}, \"junk\", {\"name\": \" \", \"value\": \"blank\"}]");

        AlertEvent alert = normalize(body);

        assertThat(alert.labels()).containsEntry("replicas", "3").doesNotContainKeys("obj", "7", " ", "namespace");
    }

    @Test
    void customPropertiesOverrideDimensionsButNotNameAndSeverity() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-fired.json"), "data.customProperties",
                "{\"namespace\": \"payments\", \"alertname\": \"other\", \"severity\": \"critical\"}");

        AlertEvent alert = normalize(body);

        assertThat(alert.labels()).containsEntry("namespace", "payments")
                .containsEntry("alertname", "shop-checkout-pod-not-ready")
                .containsEntry("severity", "Sev1");
        assertThat(alert.target().namespace()).isEqualTo("payments");
        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void toleratesAnyShapeOfTheAlertContext() {
        JsonNode base = Samples.json("azure-monitor/metric-alert-fired.json");
        for (String context : new String[] {"null", "[]", "\"text\"", "42", "{}", "{\"condition\": []}",
                "{\"condition\": {\"allOf\": {}}}", "{\"condition\": {\"allOf\": [1, null, []]}}",
                "{\"condition\": {\"allOf\": [{\"dimensions\": {}}]}}",
                "{\"condition\": {\"allOf\": [{\"linkToFilteredSearchResultsUI\": 5}]}}"}) {
            AlertEvent alert = normalize(set(base, "data.alertContext", context));

            assertThat(alert.labels()).as(context).doesNotContainKeys("namespace", "pod", "condition");
            assertThat(alert.generatorUrl()).as(context).isNull();
        }
        assertThat(normalize(remove(base, "data.alertContext")).name()).isEqualTo("shop-checkout-pod-not-ready");
    }

    @Test
    void toleratesUnknownMonitoringServicesAndFields() {
        JsonNode body = set(Samples.json("azure-monitor/metric-alert-fired.json"), "data.essentials.monitoringService",
                "\"Prometheus\"");
        body = set(body, "data.essentials.futureField", "{\"x\": [1, 2]}");
        body = set(body, "data.futureSection", "[[[]]]");

        assertThat(normalize(body).annotations()).containsEntry("monitoringService", "Prometheus");
    }

    @Test
    void readsMonitorConditionInAnyCase() {
        JsonNode body = Samples.json("azure-monitor/metric-alert-resolved.json");

        assertThat(normalize(set(body, "data.essentials.monitorCondition", "\"resolved\"")).status())
                .isEqualTo(AlertStatus.RESOLVED);
        assertThat(normalize(set(body, "data.essentials.monitorCondition", "\" FIRED \"")).status())
                .isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void theSourceIsAzureMonitor() {
        assertThat(normalizer.source()).isEqualTo(AlertSource.AZURE_MONITOR);
    }
}

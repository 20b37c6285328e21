package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.Expectations.limitedTo;
import static io.alertpilot.formats.Expectations.assertAlerts;
import static io.alertpilot.formats.Expectations.map;
import static io.alertpilot.formats.JsonEdit.json;
import static io.alertpilot.formats.JsonEdit.remove;
import static io.alertpilot.formats.JsonEdit.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.LabelFingerprint;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.kafka.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class GenericNormalizerTest {

    private final GenericNormalizer normalizer = new GenericNormalizer(SETTINGS);

    /** The generic sample of ingest's tests: two alerts in AlertPilot's own shape. */
    static JsonNode twoAlerts() {
        try (InputStream in = GenericNormalizerTest.class.getResourceAsStream("/generic/two-alerts.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private AlertEvent first(JsonNode body) {
        return normalizer.normalize(body, RECEIVED).getFirst();
    }

    @Test
    void readsTheSampleFieldByField() {
        assertAlerts(normalizer.normalize(twoAlerts(), RECEIVED),
                new AlertEvent(
                        1,
                        "ignored",
                        AlertSource.GENERIC,
                        LabelFingerprint.of(map("alertname", "DiskAlmostFull", "namespace", "payments",
                                "statefulset", "postgres", "pod", "postgres-0", "team", "payments")),
                        AlertStatus.FIRING,
                        "DiskAlmostFull",
                        Severity.HIGH,
                        "p2",
                        "Disk /data of postgres-0 is 93% full",
                        "The data volume grows by 2 GB a day.",
                        "https://runbooks.shop.example.com/storage/disk-full",
                        "https://grafana.shop.example.com/d/disk",
                        map("namespace", "payments", "statefulset", "postgres", "pod", "postgres-0",
                                "team", "payments", "alertname", "DiskAlmostFull"),
                        map("dashboard", "https://grafana.shop.example.com/d/disk"),
                        new Target("aks-pay-prod-weu", "payments", "StatefulSet", "postgres", "postgres-0", "postgres",
                                null, null, null),
                        Instant.parse("2026-11-23T07:30:00Z"),
                        null,
                        RECEIVED,
                        null,
                        null,
                        null),
                new AlertEvent(
                        1,
                        "ignored",
                        AlertSource.GENERIC,
                        "cert-shop-example-com",
                        AlertStatus.RESOLVED,
                        "CertificateExpiring",
                        Severity.WARNING,
                        "warning",
                        "CertificateExpiring",
                        null,
                        null,
                        null,
                        map("namespace", "ingress", "service", "shop-ingress", "severity", "warning",
                                "alertname", "CertificateExpiring"),
                        map(),
                        new Target(null, "ingress", "Service", "shop-ingress", null, null, null, "shop-ingress", null),
                        Instant.parse("2026-11-20T00:00:00Z"),
                        Instant.parse("2026-11-23T08:00:00Z"),
                        RECEIVED,
                        "certificates",
                        "cert-watch",
                        "https://certs.shop.example.com"));
    }

    @Test
    void keepsAGivenFingerprint() {
        assertThat(first(set(twoAlerts(), "[0].fingerprint", "\"my-key\"")).fingerprint()).isEqualTo("my-key");
    }

    @Test
    void computesTheFingerprintFromTheLabelsWithTheNameAsAlertname() {
        JsonNode body = json("[{\"name\": \"Probe\", \"status\": \"firing\", \"labels\": {\"job\": \"foo\"}}]");

        assertThat(first(body).fingerprint())
                .isEqualTo(LabelFingerprint.of(map("alertname", "Probe", "job", "foo")))
                .isEqualTo(first(set(body, "[0].fingerprint", "\"  \"")).fingerprint());
    }

    @Test
    void firingAndResolvedWithTheSameLabelsShareTheComputedFingerprint() {
        JsonNode firing = remove(twoAlerts(), "[1]");
        JsonNode resolved = set(firing, "[0].status", "\"resolved\"");

        assertThat(first(resolved).fingerprint()).isEqualTo(first(firing).fingerprint());
    }

    @Test
    void anAlertnameLabelKeepsItsValue() {
        JsonNode body = json("[{\"name\": \"Probe\", \"status\": \"firing\", \"labels\": {\"alertname\": \"Other\"}}]");

        AlertEvent alert = first(body);

        assertThat(alert.name()).isEqualTo("Probe");
        assertThat(alert.labels()).containsEntry("alertname", "Other");
    }

    @Test
    void targetFieldsOverrideTheLabels() {
        JsonNode body = set(twoAlerts(), "[0].target",
                "{\"kind\": \"Deployment\", \"name\": \"pgbouncer\", \"namespace\": \"db\", \"node\": \"n1\","
                        + " \"service\": \"pg\", \"azureResourceId\": \"/subscriptions/x\", \"pod\": \" \"}");

        assertThat(first(body).target()).isEqualTo(
                new Target(null, "db", "Deployment", "pgbouncer", "postgres-0", null, "n1", "pg", "/subscriptions/x"));
    }

    @Test
    void aNullTargetIsTheOneOfTheLabels() {
        assertThat(first(set(twoAlerts(), "[0].target", "null")).target())
                .isEqualTo(new Target(null, "payments", "StatefulSet", "postgres", "postgres-0", null, null, null, null));
    }

    @Test
    void refusesAnUnknownTargetField() {
        assertThatThrownBy(() -> first(set(twoAlerts(), "[0].target.region", "\"westeurope\"")))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageContaining("'[0].target.region' is not a target field")
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("[0].target.region");
    }

    @Test
    void theSeverityFieldWinsOverTheLabel() {
        JsonNode body = set(twoAlerts(), "[1].severity", "\"critical\"");

        AlertEvent alert = normalizer.normalize(body, RECEIVED).get(1);

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.sourceSeverity()).isEqualTo("critical");
    }

    @Test
    void withoutSeverityTheAlertIsInfo() {
        JsonNode body = json("[{\"name\": \"Probe\", \"status\": \"firing\"}]");

        AlertEvent alert = first(body);

        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.sourceSeverity()).isNull();
        assertThat(alert.target()).isEqualTo(Target.NONE);
        assertThat(alert.labels()).containsExactly(Map.entry("alertname", "Probe"));
    }

    @Test
    void withoutStartTheAlertStartsWhenReceived() {
        assertThat(first(remove(twoAlerts(), "[0].startsAt")).startsAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aFiringAlertHasNoEnd() {
        assertThat(first(set(twoAlerts(), "[0].endsAt", "\"2026-11-23T09:00:00Z\"")).endsAt()).isNull();
    }

    @Test
    void summaryAndDescriptionFallBackToAnnotations() {
        JsonNode body = json("[{\"name\": \"Probe\", \"status\": \"RESOLVED\", \"annotations\": {\"summary\": \"s\","
                + " \"description\": \"d\", \"runbook_url\": \"https://r\"}}]");

        AlertEvent alert = first(body);

        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.summary()).isEqualTo("s");
        assertThat(alert.description()).isEqualTo("d");
        assertThat(alert.runbookUrl()).isEqualTo("https://r");
    }

    @Test
    void acceptsAFingerprintOf200CharactersButNotMore() {
        String longest = "f".repeat(200);

        assertThat(first(set(twoAlerts(), "[0].fingerprint", '"' + longest + '"')).fingerprint()).isEqualTo(longest);
        assertThatThrownBy(() -> first(set(twoAlerts(), "[0].fingerprint", '"' + longest + "f\"")))
                .isInstanceOf(InvalidAlertException.class)
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("[0].fingerprint");
    }

    @Test
    void refusesMoreAlertsThanTheLimit() {
        GenericNormalizer limited = new GenericNormalizer(limitedTo(1));

        assertThat(limited.normalize(remove(twoAlerts(), "[1]"), RECEIVED)).hasSize(1);
        assertThatThrownBy(() -> limited.normalize(twoAlerts(), RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageContaining("2 alerts, more than the limit of 1")
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("$");
    }

    @Test
    void keepsTheOrderOfTheArray() {
        List<AlertEvent> alerts = normalizer.normalize(twoAlerts(), RECEIVED);

        assertThat(alerts).extracting(AlertEvent::name).containsExactly("DiskAlmostFull", "CertificateExpiring");
    }

    @Test
    void theSourceIsGeneric() {
        assertThat(normalizer.source()).isEqualTo(AlertSource.GENERIC);
    }
}

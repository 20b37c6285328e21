package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.JsonEdit.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.Json;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AlertFormatsTest {

    private final AlertFormats formats = new AlertFormats(SETTINGS);

    static Stream<Arguments> webhookSamples() {
        return Stream.concat(
                Samples.ALERTMANAGER.stream()
                        .map(s -> Arguments.of(s, AlertFormat.ALERTMANAGER, AlertSource.ALERTMANAGER)),
                Samples.AZURE_MONITOR.stream()
                        .map(s -> Arguments.of(s, AlertFormat.AZURE_MONITOR, AlertSource.AZURE_MONITOR)));
    }

    @ParameterizedTest
    @MethodSource("webhookSamples")
    void tellsAWebhookSampleByItsShapeAndReadsItAsItsWebhookDoes(String sample, AlertFormat format,
            AlertSource source) {
        JsonNode body = Samples.json(sample);

        assertThat(AlertFormat.of(body)).isEqualTo(format);
        assertSameAlerts(formats.read(body, RECEIVED), formats.normalizer(source).normalize(body, RECEIVED));
    }

    @Test
    void readsAGenericArrayAsTheWebhookDoes() {
        JsonNode body = json("""
                [{"name": "DiskAlmostFull", "status": "firing", "severity": "p2", "labels": {"node": "n1"}}]""");

        assertThat(AlertFormat.of(body)).isEqualTo(AlertFormat.GENERIC);
        assertSameAlerts(formats.read(body, RECEIVED),
                formats.normalizer(AlertSource.GENERIC).normalize(body, RECEIVED));
    }

    @Test
    void readsOneGenericObjectAsAnArrayOfOne() {
        JsonNode body = json("""
                {"name": "DiskAlmostFull", "status": "resolved", "severity": "p2"}""");

        assertThat(AlertFormat.of(body)).isEqualTo(AlertFormat.GENERIC);
        List<AlertEvent> alerts = formats.read(body, RECEIVED);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.source()).isEqualTo(AlertSource.GENERIC);
            assertThat(alert.name()).isEqualTo("DiskAlmostFull");
            assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void readsANormalizedAlertEventFillingInWhatIsMissing() {
        AlertEvent original = formats.read(Samples.json("alertmanager/firing-crashloop.json"), RECEIVED).getFirst();
        ObjectNode body = Json.mapper().valueToTree(original);
        body.remove(List.of("eventId", "receivedAt"));

        assertThat(AlertFormat.of(body)).isEqualTo(AlertFormat.ALERT_EVENT);
        AlertEvent read = formats.read(body, RECEIVED.plusSeconds(60)).getFirst();

        assertThat(read).usingRecursiveComparison().ignoringFields("eventId", "receivedAt").isEqualTo(original);
        assertThat(read.eventId()).isNotBlank().isNotEqualTo(original.eventId());
        assertThat(read.receivedAt()).isEqualTo(RECEIVED.plusSeconds(60));
    }

    @Test
    void refusesAnAlertEventThatCannotBeRead() {
        JsonNode body = json("""
                {"eventId": "e-1", "status": "sideways"}""");

        assertThatThrownBy(() -> formats.read(body, RECEIVED))
                .isInstanceOfSatisfying(InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("$"))
                .hasMessageStartingWith("not a valid AlertEvent: ");
    }

    @Test
    void refusesABodyThatIsNeitherAnObjectNorAnArray() {
        assertThatThrownBy(() -> formats.read(json("42"), RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessage("the body must be a JSON object or array");
        assertThatThrownBy(() -> formats.read(json("null"), RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageStartingWith("the body must be an alert: ");
        assertThatThrownBy(() -> formats.read(null, RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageStartingWith("the body must be an alert: ");
    }

    @Test
    void appliesItsSettingsToEveryFormat() {
        AlertFormats strict = new AlertFormats(
                new FormatSettings(SeverityMapping.withOverrides(Map.of("critical", Severity.WARNING)), 2));

        assertThat(strict.read(Samples.json("alertmanager/firing-crashloop.json"), RECEIVED))
                .extracting(AlertEvent::severity).containsExactly(Severity.WARNING);
        assertThatThrownBy(() -> strict.read(Samples.json("alertmanager/firing-group-3-alerts.json"), RECEIVED))
                .isInstanceOfSatisfying(InvalidAlertException.class, e -> assertThat(e.field()).isEqualTo("alerts"))
                .hasMessageContaining("more than the limit of 2");
        assertThatThrownBy(() -> strict.read(json("""
                [{"name": "a", "status": "firing"}, {"name": "b", "status": "firing"},
                 {"name": "c", "status": "firing"}]
                """), RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageContaining("more than the limit of 2");
        assertThat(strict.settings().maxAlertsPerRequest()).isEqualTo(2);
    }

    private static void assertSameAlerts(List<AlertEvent> actual, List<AlertEvent> expected) {
        assertThat(actual).usingRecursiveFieldByFieldElementComparatorIgnoringFields("eventId").isEqualTo(expected);
    }
}

package io.alertpilot.model.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Events;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mapping of every event on Kafka. */
class JsonTest {

    static Stream<Object> events() {
        return Events.events();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void roundTripsThroughJson(Object event) {
        assertThat(Json.read(Json.write(event), event.getClass())).isEqualTo(event);
        assertThat(Json.read(Json.writeString(event).getBytes(StandardCharsets.UTF_8), event.getClass()))
                .isEqualTo(event);
    }

    @Test
    void writesInstantsAsIsoStrings() {
        JsonNode alert = Json.mapper().readTree(Json.write(Events.ALERT));
        JsonNode incident = Json.mapper().readTree(Json.write(Events.INCIDENT));

        assertThat(alert.get("receivedAt").isString()).isTrue();
        assertThat(alert.get("endsAt").stringValue()).isEqualTo("2026-11-23T08:03:27.441192700Z");
        assertThat(alert.get("startsAt").stringValue()).isEqualTo("2026-11-23T07:53:27.441192700Z");
        assertThat(incident.get("nextEscalationAt").stringValue()).isEqualTo("2026-11-23T08:08:27.441192700Z");
    }

    @Test
    void writesEnumsByNameAndRecordComponentsOnly() {
        JsonNode alert = Json.mapper().readTree(Json.write(Events.ALERT));
        JsonNode remediation = Json.mapper().readTree(Json.write(Events.REMEDIATION));

        assertThat(alert.get("status").stringValue()).isEqualTo("RESOLVED");
        assertThat(alert.get("severity").stringValue()).isEqualTo("CRITICAL");
        assertThat(alert.get("source").stringValue()).isEqualTo("ALERTMANAGER");
        assertThat(alert.get("target").get("kind").stringValue()).isEqualTo("Deployment");
        assertThat(alert.has("firing")).isFalse();
        assertThat(remediation.has("key")).isFalse();
        assertThat(remediation.get("target").has("key")).isFalse();
        assertThat(remediation.get("phase").stringValue()).isEqualTo("SKIPPED");
    }

    @Test
    void leavesNullsOut() {
        AlertEvent firing = new AlertEvent(1, "e", AlertSource.GENERIC, "f", AlertStatus.FIRING, "n", Severity.INFO,
                null, null, null, null, null, null, null, null, Events.AT, null, Events.AT, null, null, null);

        JsonNode json = Json.mapper().readTree(Json.write(firing));

        assertThat(json.has("endsAt")).isFalse();
        assertThat(json.has("sourceSeverity")).isFalse();
        assertThat(json.has("groupKey")).isFalse();
        assertThat(json.get("target").isEmpty()).isTrue();
        assertThat(Json.read(Json.write(firing), AlertEvent.class)).isEqualTo(firing);
    }

    @Test
    void ignoresUnknownPropertiesFromANewerWriter() {
        ObjectNode json = (ObjectNode) Json.mapper().readTree(Json.write(Events.ALERT));
        json.put("schemaVersion", 2);
        json.put("priority", "P1");
        json.putObject("context").putArray("links").add("https://x");
        ((ObjectNode) json.get("target")).put("region", "westeurope");

        AlertEvent read = Json.read(Json.mapper().writeValueAsBytes(json), AlertEvent.class);

        assertThat(read.schemaVersion()).isEqualTo(2);
        assertThat(read.target()).isEqualTo(Events.TARGET);
        assertThat(read.fingerprint()).isEqualTo(Events.ALERT.fingerprint());
    }

    @Test
    void readsWhatAnOlderWriterLeftOut() {
        String minimal = """
                {"schemaVersion":1,"eventId":"e","source":"GENERIC","fingerprint":"f","status":"FIRING","name":"n",
                 "severity":"INFO","receivedAt":"2026-11-23T08:00:00Z"}""";

        AlertEvent read = Json.read(minimal.getBytes(StandardCharsets.UTF_8), AlertEvent.class);

        assertThat(read.labels()).isEmpty();
        assertThat(read.annotations()).isEmpty();
        assertThat(read.target()).isEqualTo(Target.NONE);
        assertThat(read.endsAt()).isNull();
        assertThat(read.receivedAt()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "\"text\"",
        "{\"schemaVersion\":1}",
        "{\"schemaVersion\":0,\"eventId\":\"e\",\"source\":\"GENERIC\",\"fingerprint\":\"f\",\"status\":\"FIRING\","
                + "\"name\":\"n\",\"severity\":\"INFO\",\"receivedAt\":\"2026-11-23T08:00:00Z\"}",
        "{\"schemaVersion\":1,\"eventId\":\"e\",\"source\":\"GENERIC\",\"fingerprint\":\"f\",\"status\":\"FLAPPING\","
                + "\"name\":\"n\",\"severity\":\"INFO\",\"receivedAt\":\"2026-11-23T08:00:00Z\"}",
        "{\"schemaVersion\":1,\"eventId\":\"e\",\"source\":\"GENERIC\",\"fingerprint\":\"f\",\"status\":\"FIRING\","
                + "\"name\":\"n\",\"severity\":\"INFO\",\"receivedAt\":\"yesterday\"}",
        "{\"schemaVersion\":1,\"eventId\":\"e\",\"source\":\"GENERIC\",\"fingerprint\":\"f\",\"status\":\"FIRING\","
                + "\"name\":\"n\",\"severity\":\"INFO\",\"receivedAt\":\"2026-11-23T08:00:00Z\",\"labels\":[1]}"
    })
    void refusesAValueItCannotReadWithAnEventFormatException(String value) {
        assertThatThrownBy(() -> Json.read(value.getBytes(StandardCharsets.UTF_8), AlertEvent.class))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("not a valid AlertEvent");
    }

    @Test
    void deadLetterTopicsHaveAnExplicitSuffix() {
        assertThat(Topics.deadLetter(Topics.ALERTS)).isEqualTo("alertpilot.alerts.v1-dlt");
    }
}

package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Events;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.kafka.EventFormatException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerdeTest {

    static Stream<Object> events() {
        return Events.events();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    @SuppressWarnings("unchecked")
    <T> void roundTripsThroughTheSerde(T event) {
        JsonSerde<T> serde = JsonSerde.of((Class<T>) event.getClass());

        byte[] bytes = serde.serializer().serialize("topic", event);
        T read = serde.deserializer().deserialize("topic", bytes);

        assertThat(read).isEqualTo(event);
        assertThat(new JsonValueSerializer().serialize("topic", event)).isEqualTo(bytes);
    }

    @Test
    void keepsATombstoneNull() {
        JsonSerde<Incident> serde = JsonSerde.of(Incident.class);

        assertThat(serde.serializer().serialize("alertpilot.incidents.v1", null)).isNull();
        assertThat(serde.deserializer().deserialize("alertpilot.incidents.v1", null)).isNull();
        assertThat(new JsonValueSerializer().serialize("alertpilot.incidents.v1", null)).isNull();
    }

    @Test
    void refusesAValueItCannotReadWithAnEventFormatException() {
        assertThatThrownBy(() -> JsonSerde.of(AlertEvent.class).deserializer()
                .deserialize("alertpilot.alerts.v1", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(EventFormatException.class)
                .hasMessageStartingWith("not a valid AlertEvent");
    }
}

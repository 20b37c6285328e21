package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.kafka.EventHeaders;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

public class AcknowledgedSenderIT {

    static final String EVENTS = "it.sender.events";
    static final String OTHERS = "it.sender.others";

    /** A value of an event type; its JSON is what readers see. */
    record Sample(int schemaVersion, String id) {
    }

    static InJvmBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new InJvmBroker(EVENTS, OTHERS);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** A sender to the broker of {@code settings}, with producer {@code overrides}. */
    public static AcknowledgedSender senderTo(KafkaClientSettings settings, Map<String, Object> overrides) {
        Map<String, Object> config = settings.producer();
        config.putAll(overrides);
        DefaultKafkaProducerFactory<String, Object> factory = new DefaultKafkaProducerFactory<>(config,
                new StringSerializer(), new JsonValueSerializer());
        return new AcknowledgedSender(new KafkaTemplate<>(factory));
    }

    @Test
    void sendsWithTheEventHeadersAndSaysWhereTheRecordWasWritten() {
        AcknowledgedSender sender = senderTo(broker.settings(), Map.of());

        List<RecordMetadata> written = sender.sendAll(List.of(
                new AcknowledgedSender.Outgoing(EVENTS, "fp-1", new Sample(2, "e-1"), "AlertEvent", 2, "alertmanager")),
                Duration.ofSeconds(10));
        ConsumerRecord<String, byte[]> read = broker.readOne(EVENTS);

        assertThat(written).singleElement().satisfies(metadata -> assertThat(metadata.offset()).isEqualTo(
                read.offset()));
        assertThat(read.key()).isEqualTo("fp-1");
        assertThat(new String(read.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":2,\"id\":\"e-1\"}");
        assertThat(header(read, EventHeaders.TYPE)).isEqualTo("AlertEvent");
        assertThat(header(read, EventHeaders.SCHEMA_VERSION)).isEqualTo("2");
        assertThat(header(read, EventHeaders.SOURCE)).isEqualTo("alertmanager");
    }

    @Test
    void namesTheTypeAfterTheValueAndLeavesOutWhatIsNotGiven() {
        AcknowledgedSender sender = senderTo(broker.settings(), Map.of());

        sender.send(AcknowledgedSender.Outgoing.of(OTHERS, "i-1", new Sample(1, "x")), Duration.ofSeconds(10));
        ConsumerRecord<String, byte[]> read = broker.readOne(OTHERS);

        assertThat(header(read, EventHeaders.TYPE)).isEqualTo("Sample");
        assertThat(read.headers().lastHeader(EventHeaders.SCHEMA_VERSION)).isNull();
        assertThat(read.headers().lastHeader(EventHeaders.SOURCE)).isNull();
    }

    @Test
    void failsNamingTopicAndKeyButNotTheValueWhenKafkaDoesNotAcknowledgeInTime() {
        AcknowledgedSender sender = senderTo(InJvmBroker.settingsFor("127.0.0.1:" + closedPort()),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 200, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 400,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300));
        List<AcknowledgedSender.Outgoing> records = List.of(
                AcknowledgedSender.Outgoing.of(EVENTS, "fp-1", new Sample(1, "secret-payload-1")),
                AcknowledgedSender.Outgoing.of(EVENTS, "fp-2", new Sample(1, "secret-payload-2")));

        assertThatThrownBy(() -> sender.sendAll(records, Duration.ofMillis(500)))
                .isInstanceOfSatisfying(KafkaNotAcknowledgedException.class, e -> {
                    assertThat(e.topic()).isEqualTo(EVENTS);
                    assertThat(e.key()).isIn("fp-1", "fp-2");
                    assertThat(e.getMessage()).contains(EVENTS).doesNotContain("secret-payload");
                });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

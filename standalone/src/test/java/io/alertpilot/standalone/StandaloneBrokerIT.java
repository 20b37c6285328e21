package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone's broker on a data directory: a record written before a stop is read after a start on the same
 * directory (same cluster), a second broker on a directory in use is refused with a message naming it, and nothing
 * listens beyond loopback.
 */
class StandaloneBrokerIT {

    @TempDir
    Path dataDir;

    @Test
    void keepsItsRecordsAcrossARestartAndRefusesASecondBrokerOnTheSameDirectory() throws Exception {
        String clusterId;
        try (StandaloneBroker broker = StandaloneBroker.start(dataDir, 0, 1)) {
            assertThat(broker.formatted()).isTrue();
            assertThat(broker.storage()).isEqualTo(dataDir.toAbsolutePath().resolve("kafka"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("kept", "key", "written before the stop")).get();
            }
            clusterId = clusterId(broker);

            assertThatThrownBy(() -> StandaloneBroker.start(dataDir, 0, 1))
                    .isInstanceOf(DataDirectoryLock.DataDirectoryInUseException.class)
                    .hasMessageContaining(dataDir.toAbsolutePath().toString())
                    .hasMessageContaining("--data-dir");
            LoopbackOnly.assertRefused(LoopbackOnly.nonLoopbackAddress(), port(broker));
        }
        assertThat(Files.readString(dataDir.resolve("kafka/meta.properties"))).contains(clusterId);

        try (StandaloneBroker broker = StandaloneBroker.start(dataDir, 0, 1)) {
            assertThat(broker.formatted()).isFalse();
            assertThat(clusterId(broker)).isEqualTo(clusterId);
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.GROUP_ID_CONFIG, "standalone-broker-it"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("kept"));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        if (record.value().equals("written before the stop")) {
                            return true;
                        }
                    }
                    return false;
                });
            }
        }
    }

    private static String clusterId(StandaloneBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static int port(StandaloneBroker broker) {
        String servers = broker.bootstrapServers();
        return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
    }
}

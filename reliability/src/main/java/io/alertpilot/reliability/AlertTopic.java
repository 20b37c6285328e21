package io.alertpilot.reliability;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.model.kafka.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the alert topic back, to check that every acknowledged alert is on Kafka. */
public final class AlertTopic {

    private AlertTopic() {
    }

    /** The {@code eventId} of every alert on {@link Topics#ALERTS} now, read from the beginning without a group. */
    public static Set<String> eventIds(String bootstrapServers) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "alert-read-back-" + UUID.randomUUID());
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                    .map(info -> new TopicPartition(Topics.ALERTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, AlertEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(record.value().eventId());
                }
            }
        }
        return ids;
    }
}

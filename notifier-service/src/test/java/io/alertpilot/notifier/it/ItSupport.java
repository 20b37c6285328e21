package io.alertpilot.notifier.it;

import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.support.kafka.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads topics from the beginning for assertions. */
final class ItSupport {

    private ItSupport() {
    }

    /** Every notification event of {@code incidentId} on {@code topic} so far. */
    static List<NotificationEvent> notifications(String brokers, String topic, String incidentId) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.CLIENT_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        List<NotificationEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, NotificationEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                JsonSerde.of(NotificationEvent.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, NotificationEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (incidentId.equals(record.key())) {
                        events.add(record.value());
                    }
                }
            }
        }
        return events;
    }
}

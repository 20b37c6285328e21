package io.alertpilot.benchmarks;

import io.alertpilot.formats.AlertmanagerNormalizer;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.support.kafka.JsonValueSerializer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The limit: a plain Kafka producer with the ingest service's settings ({@code acks=all}, idempotent, linger 5 ms)
 * sending the same records the webhook would produce, a group at a time, waiting for every acknowledgement.
 */
final class RawProducerTarget implements LoadTarget<List<AlertEvent>> {

    private final KafkaProducer<String, Object> producer;
    /** The ingest service's normalizer with nothing configured: the records it would write. */
    private final AlertmanagerNormalizer normalizer =
            new AlertmanagerNormalizer(new FormatSettings(SeverityMapping.defaults(), 1000));
    private final String topic;

    RawProducerTarget(String bootstrapServers, String topic) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new JsonValueSerializer());
    }

    @Override
    public List<AlertEvent> prepare(List<Map<String, String>> group) {
        return normalizer.normalize(Json.mapper().readTree(Payloads.webhook(group, Instant.now())), Instant.now());
    }

    @Override
    public String name() {
        return "raw Kafka producer";
    }

    @Override
    public boolean send(List<AlertEvent> events) throws Exception {
        List<Future<?>> pending = new ArrayList<>(events.size());
        for (AlertEvent event : events) {
            pending.add(producer.send(new ProducerRecord<>(topic, event.fingerprint(), event)));
        }
        for (Future<?> future : pending) {
            future.get();
        }
        return true;
    }

    @Override
    public void close() {
        producer.close();
    }
}

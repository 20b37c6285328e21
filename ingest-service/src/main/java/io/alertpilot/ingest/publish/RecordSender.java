package io.alertpilot.ingest.publish;

import io.alertpilot.model.kafka.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends records and waits until Kafka has acknowledged every one of them, within one deadline for the whole batch.
 * Thread safe.
 */
@Component
class RecordSender {

    private final KafkaTemplate<String, Object> template;

    RecordSender(KafkaTemplate<String, Object> template) {
        this.template = template;
    }

    /** A record to send: topic, key, value and the headers that describe it. */
    record Outgoing(String topic, String key, Object value, String type, int schemaVersion, String source) {
    }

    /**
     * Sends all {@code records} and returns once Kafka acknowledged all of them.
     *
     * @throws PublishFailedException when any record fails or the deadline passes first
     */
    void sendAll(List<Outgoing> records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<SendResult<String, Object>>> pending = new ArrayList<>(records.size());
        for (Outgoing outgoing : records) {
            if (System.nanoTime() - deadline >= 0) {
                throw new PublishFailedException("Kafka did not accept the records within " + timeout, null);
            }
            try {
                pending.add(template.send(toRecord(outgoing)));
            } catch (RuntimeException e) {
                throw new PublishFailedException("Kafka refused a record: " + e.getMessage(), e);
            }
        }
        for (CompletableFuture<SendResult<String, Object>> future : pending) {
            long remaining = deadline - System.nanoTime();
            try {
                future.get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new PublishFailedException("Kafka did not acknowledge the records within " + timeout, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new PublishFailedException("Kafka did not acknowledge a record: " + cause.getMessage(), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PublishFailedException("interrupted while waiting for Kafka", e);
            }
        }
    }

    private static ProducerRecord<String, Object> toRecord(Outgoing outgoing) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(outgoing.topic(), outgoing.key(), outgoing.value());
        record.headers()
                .add(new RecordHeader(EventHeaders.TYPE, outgoing.type().getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(EventHeaders.SCHEMA_VERSION,
                        Integer.toString(outgoing.schemaVersion()).getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(EventHeaders.SOURCE, outgoing.source().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}

package io.alertpilot.support.kafka;

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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends AlertPilot's records with their event headers ({@link EventHeaders}) and waits for the broker's
 * acknowledgement within a deadline. A send that returns normally was acknowledged; any other outcome is a
 * {@link KafkaNotAcknowledgedException} carrying the record's topic and key. Thread safe; holds no lock while it waits.
 */
public class AcknowledgedSender {

    private final KafkaTemplate<String, Object> template;

    public AcknowledgedSender(KafkaTemplate<String, Object> template) {
        this.template = template;
    }

    /**
     * A record to send and the headers that describe its value.
     *
     * @param type the value's type, e.g. {@code AlertEvent}
     * @param schemaVersion the schema version of the value, or null when it has none
     * @param source the source of an alert or rejected payload, or null
     */
    public record Outgoing(String topic, String key, Object value, String type, Integer schemaVersion, String source) {

        /** A record whose type header is the simple name of the value's class, without version or source. */
        public static Outgoing of(String topic, String key, Object value) {
            return new Outgoing(topic, key, value, value.getClass().getSimpleName(), null, null);
        }
    }

    /**
     * Sends {@code record} and waits at most {@code timeout} for its acknowledgement.
     *
     * @return where the record was written (its offset among others)
     * @throws KafkaNotAcknowledgedException when it was not acknowledged in time
     */
    public RecordMetadata send(Outgoing record, Duration timeout) {
        return sendAll(List.of(record), timeout).getFirst();
    }

    /**
     * Sends all {@code records} and waits until every one was acknowledged, with one deadline, {@code timeout} from
     * now, for all of them together.
     *
     * @return where each record was written, in the order of {@code records}
     * @throws KafkaNotAcknowledgedException when any record was refused or the deadline passed first
     */
    public List<RecordMetadata> sendAll(List<Outgoing> records, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CompletableFuture<SendResult<String, Object>>> pending = new ArrayList<>(records.size());
        for (Outgoing outgoing : records) {
            if (System.nanoTime() - deadline >= 0) {
                throw new KafkaNotAcknowledgedException(outgoing.topic(), outgoing.key(),
                        "not accepted within " + timeout, null);
            }
            pending.add(sendAsync(outgoing));
        }
        List<RecordMetadata> written = new ArrayList<>(records.size());
        for (int i = 0; i < pending.size(); i++) {
            written.add(await(records.get(i), pending.get(i), deadline, timeout));
        }
        return written;
    }

    /**
     * Sends {@code record} without waiting; the future completes with the acknowledgement or its failure. For writes
     * that must not hold their caller back (an audit).
     *
     * @throws KafkaNotAcknowledgedException when the producer refused the record at once
     */
    public CompletableFuture<SendResult<String, Object>> sendAsync(Outgoing record) {
        try {
            return template.send(toRecord(record));
        } catch (RuntimeException e) {
            throw new KafkaNotAcknowledgedException(record.topic(), record.key(), "refused: " + e.getMessage(), e);
        }
    }

    private static RecordMetadata await(Outgoing record, CompletableFuture<SendResult<String, Object>> future,
            long deadline, Duration timeout) {
        try {
            return future.get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS).getRecordMetadata();
        } catch (TimeoutException e) {
            throw new KafkaNotAcknowledgedException(record.topic(), record.key(), "no acknowledgement within " + timeout,
                    e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaNotAcknowledgedException(record.topic(), record.key(), cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaNotAcknowledgedException(record.topic(), record.key(), "interrupted while waiting", e);
        }
    }

    private static ProducerRecord<String, Object> toRecord(Outgoing outgoing) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(outgoing.topic(), outgoing.key(), outgoing.value());
        record.headers().add(EventHeaders.TYPE, utf8(outgoing.type()));
        if (outgoing.schemaVersion() != null) {
            record.headers().add(EventHeaders.SCHEMA_VERSION, utf8(Integer.toString(outgoing.schemaVersion())));
        }
        if (outgoing.source() != null) {
            record.headers().add(EventHeaders.SOURCE, utf8(outgoing.source()));
        }
        return record;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}

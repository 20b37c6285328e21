package io.alertpilot.support.kafka;

import io.alertpilot.model.kafka.EventFormatException;
import io.alertpilot.model.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Builds the error handler of every AlertPilot listener container: a failed record is retried a bounded number of
 * times with a fixed back-off, at once given up when its exception is not retryable ({@link EventFormatException} and
 * the types a caller names, besides spring-kafka's own list such as a deserialization failure), then published to the
 * dead-letter topic named explicitly {@code <topic>-dlt} ({@link Topics#deadLetter}) and counted by a
 * {@link CountingRecoverer}. Dead letters keep a value that could not be read as its original bytes and write any
 * other value as JSON, through one producer ({@link KafkaClientSettings#producer()}) that this bean owns and closes.
 * Thread safe.
 */
public class DeadLetters implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;
    private final MeterRegistry meterRegistry;

    public DeadLetters(KafkaClientSettings settings, MeterRegistry meterRegistry) {
        Map<Class<?>, Serializer<?>> serializers = new LinkedHashMap<>();
        serializers.put(byte[].class, new ByteArraySerializer());
        serializers.put(Object.class, new JsonValueSerializer());
        this.factory = new DefaultKafkaProducerFactory<>(settings.producer(), new StringSerializer(),
                new DelegatingByTypeSerializer(serializers, true));
        this.template = new KafkaTemplate<>(factory);
        this.meterRegistry = meterRegistry;
    }

    /**
     * An error handler for containers that read {@code sourceTopics}.
     *
     * @param meterName the counter of dead letters, tagged with the source topic; registered up front for each
     * @param retries how many times a retryable failure is retried before the record is given up
     * @param backOff the wait before each retry
     * @param notRetryable further exception types given up at once
     */
    @SafeVarargs
    public final DefaultErrorHandler errorHandler(String meterName, Collection<String> sourceTopics, int retries,
            Duration backOff, Class<? extends Exception>... notRetryable) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(
                new CountingRecoverer(recoverer, meterRegistry, meterName, List.copyOf(sourceTopics)),
                new FixedBackOff(backOff.toMillis(), retries));
        handler.addNotRetryableExceptions(EventFormatException.class);
        handler.addNotRetryableExceptions(notRetryable);
        return handler;
    }

    @Override
    public void destroy() {
        factory.destroy();
    }
}

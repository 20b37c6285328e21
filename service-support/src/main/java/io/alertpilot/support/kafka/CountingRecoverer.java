package io.alertpilot.support.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Counts every record handed to the dead-letter recoverer (meter {@code meterName}, tag {@code topic} = the source
 * topic), then delegates. The counters of the known source topics are registered up front, so a dashboard shows zeros
 * instead of gaps and an alert on their growth works from the first record. Thread safe.
 */
public final class CountingRecoverer implements ConsumerRecordRecoverer {

    private final ConsumerRecordRecoverer delegate;
    private final MeterRegistry registry;
    private final String meterName;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public CountingRecoverer(ConsumerRecordRecoverer delegate, MeterRegistry registry, String meterName,
            Collection<String> sourceTopics) {
        this.delegate = delegate;
        this.registry = registry;
        this.meterName = meterName;
        sourceTopics.forEach(this::counter);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        counter(record.topic()).increment();
        delegate.accept(record, exception);
    }

    private Counter counter(String topic) {
        return counters.computeIfAbsent(topic, name -> Counter.builder(meterName)
                .description("Records sent to a dead-letter topic after bounded retries")
                .tag("topic", name)
                .register(registry));
    }
}

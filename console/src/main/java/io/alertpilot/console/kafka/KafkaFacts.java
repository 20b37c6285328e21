package io.alertpilot.console.kafka;

import io.alertpilot.model.kafka.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Asks the broker, through one admin client, for the lag of consumer groups and the size of the dead-letter topics.
 * Every question is bounded by a timeout; a broker that does not answer in time is a {@link KafkaUnavailableException}.
 * Thread safe.
 */
@Component
public class KafkaFacts implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final AdminClient admin;

    KafkaFacts(KafkaAdmin kafkaAdmin) {
        this.admin = AdminClient.create(kafkaAdmin.getConfigurationProperties());
    }

    /** The lag of consumer group {@code group}: -1 when it has committed no offset. */
    public GroupLag lag(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata());
        Map<TopicPartition, OffsetAndMetadata> known = committed.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        if (known.isEmpty()) {
            return new GroupLag(group, -1, 0);
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(known.keySet(), OffsetSpec.latest());
        long lag = known.entrySet().stream().mapToLong(e -> Math.max(0,
                ends.get(e.getKey()).offset() - e.getValue().offset())).sum();
        return new GroupLag(group, lag, known.size());
    }

    /** Every topic ending in {@value Topics#DEAD_LETTER_SUFFIX} with the records it holds, by name. */
    public List<DeadLetterCount> deadLetters() {
        Set<String> topics = get(admin.listTopics().names()).stream()
                .filter(name -> name.endsWith(Topics.DEAD_LETTER_SUFFIX)).collect(Collectors.toSet());
        if (topics.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = get(admin.describeTopics(topics).allTopicNames()).values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(partitions, OffsetSpec.earliest());
        return topics.stream().sorted().map(topic -> new DeadLetterCount(topic, partitions.stream()
                .filter(p -> p.topic().equals(topic))
                .mapToLong(p -> ends.get(p).offset() - starts.get(p).offset()).sum())).toList();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Collection<TopicPartition> partitions,
            OffsetSpec spec) {
        return get(admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec))).all());
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while asking Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not answer: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void destroy() {
        admin.close(TIMEOUT);
    }
}

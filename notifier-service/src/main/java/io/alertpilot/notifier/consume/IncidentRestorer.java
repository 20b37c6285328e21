package io.alertpilot.notifier.consume;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.support.kafka.JsonSerde;
import io.alertpilot.notifier.incident.IncidentService;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Makes a replica own the incidents of the alert partitions it is assigned: on assignment it reads the same
 * partitions of the compacted incident topic from the beginning to their end and hands the latest version of each
 * incident to the {@link IncidentService} (which rebuilds the timers from {@code nextEscalationAt} and recovers
 * unconfirmed sends); on revocation it drops them. The alert, command and incident topics have the same number of
 * partitions and the same key (the fingerprint), so partition {@code n} of each holds the same incidents.
 *
 * <p>Runs on the listener's consumer thread before any record of the new partitions is processed.
 */
class IncidentRestorer implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentRestorer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(2);

    private final IncidentService service;
    private final Supplier<Consumer<String, byte[]>> restoreConsumers;
    private final String alertsTopic;
    private final String incidentsTopic;
    private final JsonSerde<Incident> serde = JsonSerde.of(Incident.class);

    IncidentRestorer(IncidentService service, Supplier<Consumer<String, byte[]>> restoreConsumers, String alertsTopic,
            String incidentsTopic) {
        this.service = service;
        this.restoreConsumers = restoreConsumers;
        this.alertsTopic = alertsTopic;
        this.incidentsTopic = incidentsTopic;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> owned = alertPartitions(partitions);
        if (owned.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        Map<String, Incident> latest = new HashMap<>();
        try (Consumer<String, byte[]> reader = restoreConsumers.get()) {
            int incidentPartitions = reader.partitionsFor(incidentsTopic).size();
            int alertPartitionCount = consumer.partitionsFor(alertsTopic).size();
            if (incidentPartitions != alertPartitionCount) {
                log.error("Topic {} has {} partitions but {} has {}: incidents cannot be owned by partition; give "
                        + "them the same count", incidentsTopic, incidentPartitions, alertsTopic, alertPartitionCount);
            }
            List<TopicPartition> toRead = owned.stream().filter(p -> p < incidentPartitions)
                    .map(p -> new TopicPartition(incidentsTopic, p)).toList();
            reader.assign(toRead);
            reader.seekToBeginning(toRead);
            Map<TopicPartition, Long> end = reader.endOffsets(toRead);
            long deadline = System.nanoTime() + RESTORE_TIMEOUT.toNanos();
            while (!done(reader, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("restoring incidents from " + incidentsTopic + " took longer than "
                            + RESTORE_TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                        continue;
                    }
                    try {
                        Incident incident = serde.deserializer().deserialize(record.topic(), record.value());
                        Incident known = latest.get(incident.id());
                        if (known == null || known.version() <= incident.version()) {
                            latest.put(incident.id(), incident);
                        }
                    } catch (RuntimeException e) {
                        log.error("Skipped an unreadable incident at {}-{}@{}: {}", record.topic(), record.partition(),
                                record.offset(), e.getMessage());
                    }
                }
            }
        }
        service.restore(latest.values());
        log.info("Owning alert partitions {}: {} incidents restored in {} ms", owned, latest.size(),
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(consumer, partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        release(consumer, partitions);
    }

    private void release(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> released = alertPartitions(partitions);
        if (released.isEmpty()) {
            return;
        }
        int count = consumer.partitionsFor(incidentsTopic).size();
        service.release(id -> released.contains(partitionOf(id, count)));
        log.info("Released the incidents of alert partitions {}", released);
    }

    /** The partition the default partitioner puts key {@code id} in. */
    static int partitionOf(String id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private Set<Integer> alertPartitions(Collection<TopicPartition> partitions) {
        Set<Integer> numbers = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(alertsTopic)) {
                numbers.add(partition.partition());
            }
        }
        return numbers;
    }

    private static boolean done(Consumer<String, byte[]> reader, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (reader.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}

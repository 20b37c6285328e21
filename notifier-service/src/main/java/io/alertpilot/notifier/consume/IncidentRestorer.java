package io.alertpilot.notifier.consume;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.incident.IncidentService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Makes a replica own the incidents of the alert partitions it is assigned: on assignment it reads the same
 * partitions of the compacted incident topic from the beginning to their end and hands the latest version of each
 * incident to the {@link IncidentService} (which rebuilds the timers from {@code nextEscalationAt} and recovers
 * unconfirmed sends), then owns those partitions' ids (an id there without an incident is unknown); on revocation it
 * drops them. The alert, command and incident topics have the same number of partitions and the same key (the
 * fingerprint), so partition {@code n} of each holds the same incidents.
 *
 * <p>Runs on the listener's consumer thread before any record of the new partitions is processed.
 */
class IncidentRestorer implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(IncidentRestorer.class);

    private final IncidentService service;
    private final IncidentTopicReader reader;
    private final String alertsTopic;

    IncidentRestorer(IncidentService service, IncidentTopicReader reader, String alertsTopic) {
        this.service = service;
        this.reader = reader;
        this.alertsTopic = alertsTopic;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> owned = alertPartitions(partitions);
        if (owned.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int alertPartitionCount = consumer.partitionsFor(alertsTopic).size();
        Map<String, Incident> latest = reader.latest(incidentPartitions -> {
            if (incidentPartitions != alertPartitionCount) {
                log.error("Topic {} has {} partitions but {} has {}: incidents cannot be owned by partition; give "
                        + "them the same count", reader.topic(), incidentPartitions, alertsTopic, alertPartitionCount);
            }
            return owned.stream().filter(p -> p < incidentPartitions).toList();
        }, id -> true);
        service.restore(latest.values());
        int count = consumer.partitionsFor(reader.topic()).size();
        service.ownPartitions(owned, id -> IncidentTopicReader.partitionOf(id, count));
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
        service.releasePartitions(released);
        int count = consumer.partitionsFor(reader.topic()).size();
        service.release(id -> released.contains(IncidentTopicReader.partitionOf(id, count)));
        log.info("Released the incidents of alert partitions {}", released);
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
}

package io.alertpilot.reliability.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of one group on some topics: records at the end of each partition minus the group's committed
 * offset (0 where nothing was committed), summed. -1 when the broker did not answer within 5 s (it is down).
 */
final class ConsumerLag {

    private final Admin admin;
    private final String group;
    private final List<String> topics;

    ConsumerLag(Admin admin, String group, String... topics) {
        this.admin = admin;
        this.group = group;
        this.topics = List.of(topics);
    }

    long read() {
        try {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((name, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()),
                            OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long total = 0;
            for (var end : admin.listOffsets(ends).all().get(5, TimeUnit.SECONDS).entrySet()) {
                OffsetAndMetadata position = committed.get(end.getKey());
                total += end.getValue().offset() - (position == null ? 0 : position.offset());
            }
            return total;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }
}

package io.alertpilot.reliability.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning for as long as it runs, on a thread of its own, and hands each record's value (the
 * JSON text) to a callback. It keeps reading across a broker restart (the consumer reconnects by itself) and commits
 * nothing (no group). A record the callback throws on is skipped (and said so on standard error).
 */
final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;

    TopicReader(String bootstrap, String topic, Consumer<String> values) {
        consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        consumer.assign(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList());
        consumer.seekToBeginning(consumer.assignment());
        thread = Thread.ofPlatform().name("read-" + topic).daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                        try {
                            values.accept(record.value());
                        } catch (RuntimeException e) {
                            System.err.println("skipped a record of " + topic + " the soak cannot read: " + e);
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        });
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(10_000);
    }
}

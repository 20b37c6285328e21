package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

class KeyedBatchTest {

    private static List<ConsumerRecord<String, String>> records(String... keys) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            records.add(new ConsumerRecord<>("t", 0, i, keys[i], keys[i] + "-" + i));
        }
        return records;
    }

    @Test
    void keepsTheOrderOfOneKeyAndRunsKeysInParallel() throws Exception {
        try (KeyedBatch batch = new KeyedBatch("test", 4)) {
            Map<String, List<String>> seen = new ConcurrentHashMap<>();
            // both keys must be running at once for either to pass the latch: parallel, not one after the other
            CountDownLatch both = new CountDownLatch(2);
            batch.handle(records("a", "b", "a", "b", "a"), record -> {
                if (record.offset() < 2) {
                    both.countDown();
                    try {
                        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                seen.computeIfAbsent(record.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(record.value());
            });
            assertThat(seen.get("a")).containsExactly("a-0", "a-2", "a-4");
            assertThat(seen.get("b")).containsExactly("b-1", "b-3");
        }
    }

    @Test
    void namesTheFirstFailedRecordAndStopsItsKeyOnly() {
        try (KeyedBatch batch = new KeyedBatch("test", 3)) {
            List<String> handled = Collections.synchronizedList(new ArrayList<>());
            List<ConsumerRecord<String, String>> records = records("a", "b", "a", "c", "b", "a");
            assertThatThrownBy(() -> batch.handle(records, record -> {
                if (record.value().equals("b-1") || record.value().equals("a-2")) {
                    throw new IllegalStateException("broken " + record.value());
                }
                handled.add(record.value());
            })).isInstanceOfSatisfying(BatchListenerFailedException.class, e -> {
                assertThat(e.getRecord()).isSameAs(records.get(1));
                assertThat(e.getCause()).hasMessage("broken b-1");
            });
            // after a failure its key stops (b-4, a-5 not run); the others go on
            assertThat(handled).containsExactlyInAnyOrder("a-0", "c-3");
        }
    }

    @Test
    void aPollHandedToAClosedBatchStillRunsEveryRecord() {
        KeyedBatch batch = new KeyedBatch("test", 4);
        batch.close();
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        batch.handle(records("a", "b", "a"), record -> handled.add(record.value()));
        assertThat(handled).containsExactly("a-0", "a-2", "b-1");
    }

    @Test
    void anUnreadableValueFailsWithItsDeserializationException() {
        try (KeyedBatch batch = new KeyedBatch("test", 1)) {
            RecordHeaders headers = new RecordHeaders();
            SerializationUtils.deserializationException(headers, "{".getBytes(),
                    new IllegalArgumentException("not JSON"), false);
            ConsumerRecord<String, String> unreadable = new ConsumerRecord<>("t", 0, 0, 0L, null, 0, 0, "k", null,
                    headers, java.util.Optional.empty());
            List<String> handled = new ArrayList<>();
            assertThatThrownBy(() -> batch.handle(List.of(unreadable), record -> handled.add("ran")))
                    .isInstanceOf(BatchListenerFailedException.class)
                    .hasCauseInstanceOf(DeserializationException.class);
            assertThat(handled).isEmpty();
        }
    }
}

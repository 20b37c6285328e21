package io.alertpilot.support.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Handles the records of one poll (a batch listener's list) concurrently, one key at a time: the records of one key
 * run in their order on one task, the keys in parallel on at most {@code parallelism} threads, so a poll costs about
 * as long as its slowest key rather than the sum of its records. The writes the handlers make at the same moment go
 * to Kafka together (the producer batches them into one request per partition), which is where a poll's records
 * share their acknowledged round trips.
 *
 * <p>Returns once every record was handled. When one fails, the records after it with the same key are not run (their
 * order would break), the other keys go on, and then a {@link BatchListenerFailedException} names the first failed
 * record in the poll's order, with its exception as the cause: the container's error handler commits the records
 * before it and retries from it, so a handler must make a second delivery harmless (every AlertPilot listener is
 * idempotent). A record whose value could not be deserialized ({@code ErrorHandlingDeserializer}'s header) fails
 * with its {@link DeserializationException}, which the error handler sends to the dead-letter topic at once.
 *
 * <p>A poll of one key runs on the caller's thread, and so does what is left of a poll after {@link #close()}.
 * Thread safe; {@link #close()} stops the threads.
 */
public final class KeyedBatch implements AutoCloseable {

    private static final LogAccessor LOG = new LogAccessor(KeyedBatch.class);

    private final ExecutorService executor;
    private final int parallelism;

    /**
     * @param name the threads' name prefix
     * @param parallelism how many keys of a poll run at once, at least 1 (1: one after the other, on the caller)
     */
    public KeyedBatch(String name, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("the parallelism of " + name + " must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        this.executor = parallelism == 1 ? null
                : Executors.newFixedThreadPool(parallelism, Thread.ofPlatform().name(name + "-", 0).daemon().factory());
    }

    /** How many keys of a poll run at once. */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Handles {@code records} with {@code handler}, grouped by key (a null key is a key of its own).
     *
     * @throws BatchListenerFailedException naming the first record (in {@code records}' order) that failed
     */
    public <K, V> void handle(List<ConsumerRecord<K, V>> records, Consumer<ConsumerRecord<K, V>> handler) {
        Objects.requireNonNull(handler, "handler");
        Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byKey.computeIfAbsent(keyOf(records.get(i)), k -> new ArrayList<>()).add(i);
        }
        Failure[] failures = new Failure[records.size()];
        if (executor == null || byKey.size() == 1) {
            byKey.values().forEach(indexes -> run(records, indexes, handler, failures));
        } else {
            List<CompletableFuture<Void>> tasks = new ArrayList<>(byKey.size());
            for (List<Integer> indexes : byKey.values()) {
                try {
                    tasks.add(CompletableFuture.runAsync(() -> run(records, indexes, handler, failures), executor));
                } catch (RejectedExecutionException e) {
                    // closed while a poll was still handled (a container that outlived its stop timeout): the rest
                    // of the poll runs on the caller, so the contract holds and every record is accounted for
                    run(records, indexes, handler, failures);
                }
            }
            awaitAll(tasks);
        }
        for (int i = 0; i < failures.length; i++) {
            if (failures[i] != null) {
                throw new BatchListenerFailedException("record " + i + " of the poll failed: "
                        + failures[i].cause.getMessage(), failures[i].cause, records.get(i));
            }
        }
    }

    private static <K, V> void run(List<ConsumerRecord<K, V>> records, List<Integer> indexes,
            Consumer<ConsumerRecord<K, V>> handler, Failure[] failures) {
        for (int index : indexes) {
            ConsumerRecord<K, V> record = records.get(index);
            try {
                DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
                if (unreadable != null) {
                    throw unreadable;
                }
                handler.accept(record);
            } catch (RuntimeException | Error e) {
                // written before the task completes; read after every task was joined (happens-before)
                failures[index] = new Failure(e);
                return;
            }
        }
    }

    private static void awaitAll(List<CompletableFuture<Void>> tasks) {
        boolean interrupted = false;
        for (CompletableFuture<Void> task : tasks) {
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    // the tasks still run and touch the poll's records: wait for them, then keep the interrupt
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    break; // run() catches everything, so this is not reached
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Object keyOf(ConsumerRecord<?, ?> record) {
        return record.key() == null ? new Object() : record.key();
    }

    private record Failure(Throwable cause) {
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

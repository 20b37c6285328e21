package io.alertpilot.remediation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.AcknowledgedSenderIT;
import io.alertpilot.support.kafka.InJvmBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two {@link KafkaLedger}s on one in-JVM broker as two replicas: a deposed owner's write is refused, concurrent
 * read-modify-writes count every change once, and every replica (also one started afterwards) reads the same entry.
 */
class KafkaLedgerIT {

    private static final String TOPIC = "remediation-ledger-cas";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    static InJvmBroker broker;

    private final List<KafkaLedger> started = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeAll
    static void startBroker() {
        broker = new InJvmBroker(TOPIC);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopReplicas() {
        started.forEach(KafkaLedger::stop);
    }

    private KafkaLedger replica() {
        KafkaLedger ledger = new KafkaLedger(broker.settings(), sender(), TOPIC, TIMEOUT, registry);
        ledger.start();
        started.add(ledger);
        return ledger;
    }

    private static AcknowledgedSender sender() {
        return AcknowledgedSenderIT.senderTo(broker.settings(), Map.of());
    }

    @Test
    void aDeposedOwnersWriteIsRefusedAndEveryReplicaReadsTheAcceptedOne() {
        String key = "prod/shop/Deployment/deposed";
        KafkaLedger a = replica();
        KafkaLedger b = replica();
        LedgerEntry readByA = a.get(key);
        LedgerEntry readByB = b.get(key);
        Instant acted = Instant.parse("2026-11-30T12:00:00Z");

        LedgerEntry stored = a.put(readByA.withAttempt(acted));
        // B still holds what it read before A's write: it was deposed meanwhile
        assertThatThrownBy(() -> b.put(readByB.withHandled("seen-by-b", acted.plusSeconds(1))))
                .isInstanceOf(LedgerConflictException.class)
                .hasMessageContaining("read at version 0, now at 1");

        b.sync();
        KafkaLedger later = replica();
        for (KafkaLedger replica : List.of(a, b, later)) {
            LedgerEntry entry = replica.get(key);
            assertThat(entry.version()).isEqualTo(1);
            assertThat(entry.attempts()).containsExactly(acted);
            assertThat(entry.handled("seen-by-b")).isFalse();
        }
        assertThat(stored).isEqualTo(later.get(key));
        assertThat(registry.counter(KafkaLedger.REFUSED_METRIC).count()).isEqualTo(1);

        // deciding again on the fresh entry is accepted, and keeps A's write
        LedgerEntry again = b.update(key, e -> e.withHandled("seen-by-b", acted.plusSeconds(2)));
        assertThat(again.version()).isEqualTo(2);
        assertThat(a.update(key, e -> e).attempts()).containsExactly(acted);
        assertThat(a.get(key).handled("seen-by-b")).isTrue();
    }

    @Test
    void concurrentUpdatesOnTwoReplicasCountEveryChangeExactlyOnce() throws Exception {
        String key = "prod/shop/Deployment/counted";
        int each = 30;
        KafkaLedger a = replica();
        KafkaLedger b = replica();
        a.update(key, e -> e.withStatus("FIRING", Instant.now()));
        AtomicInteger lostRounds = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (KafkaLedger replica : List.of(a, b)) {
            writers.add(CompletableFuture.runAsync(() -> {
                await(go);
                for (int i = 0; i < each; i++) {
                    countOnce(replica, key, lostRounds);
                }
            }, runnable -> Thread.ofPlatform().start(runnable)));
        }
        go.countDown();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

        b.sync();
        KafkaLedger later = replica();
        for (KafkaLedger replica : List.of(a, b, later)) {
            LedgerEntry entry = replica.get(key);
            assertThat(entry.attempts()).hasSize(2 * each);
            assertThat(entry.transitions()).hasSize(2 * each);
            assertThat(entry.version()).isEqualTo(1 + 2 * each);
        }
        System.out.printf("ledger-cas: %d updates on two replicas, %d conflicts refused, %d update calls that lost "
                + "every attempt and were called again%n", 2 * each,
                (long) registry.counter(KafkaLedger.REFUSED_METRIC).count(), lostRounds.get());
    }

    /** One attempt and one status change, through the CAS loop; called again when every attempt lost. */
    private static void countOnce(KafkaLedger replica, String key, AtomicInteger lostRounds) {
        while (true) {
            try {
                replica.update(key, e -> e.withAttempt(Instant.now())
                        .withStatus("FIRING".equals(e.lastStatus()) ? "RESOLVED" : "FIRING", Instant.now()));
                return;
            } catch (LedgerConflictException e) {
                lostRounds.incrementAndGet();
            }
        }
    }

    @Test
    void printsTheMedianOfAnAcknowledgedSendAndOfAConditionalPut() {
        String key = "prod/shop/Deployment/timed";
        KafkaLedger ledger = replica();
        AcknowledgedSender sender = sender();
        int rounds = 40;
        long send = median(rounds, () -> {
            long t0 = System.nanoTime();
            // what a put was before it was conditional: the acknowledged send, applied locally at once
            sender.send(AcknowledgedSender.Outgoing.of(TOPIC, "prod/shop/Deployment/timed-send",
                    LedgerEntry.empty("prod/shop/Deployment/timed-send")), TIMEOUT);
            return System.nanoTime() - t0;
        });
        long put = median(rounds, () -> {
            LedgerEntry read = ledger.get(key);
            long t0 = System.nanoTime();
            ledger.put(read.withAttempt(Instant.now()));
            return System.nanoTime() - t0;
        });
        assertThat(ledger.get(key).version()).isEqualTo(rounds);
        System.out.printf("ledger-cas: median of %d on the in-JVM broker: acknowledged send %.1f ms, conditional put "
                + "(send, then read back) %.1f ms%n", rounds, send / 1e6, put / 1e6);
    }

    private static long median(int rounds, LongSupplier timed) {
        List<Long> samples = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            samples.add(timed.getAsLong());
        }
        samples.sort(null);
        return samples.get(rounds / 2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

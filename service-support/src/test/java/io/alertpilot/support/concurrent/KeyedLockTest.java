package io.alertpilot.support.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLockTest {

    @Test
    void workForOneKeyNeverOverlapsOnVirtualThreads() throws Exception {
        KeyedLock lock = new KeyedLock();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    lock.run("incident-1", () -> {
                        mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.yield();
                        inside.decrementAndGet();
                    });
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(mostInside).hasValue(1);
    }

    @Test
    void isReentrantAndReturnsTheResult() {
        KeyedLock lock = new KeyedLock(4);
        String result = lock.call("a", () -> lock.call("a", () -> lock.heldByCurrentThread("a") ? "held" : "free"));
        assertThat(result).isEqualTo("held");
        assertThat(lock.heldByCurrentThread("a")).isFalse();
    }

    @Test
    void twoKeysAreHeldTogetherAndCallsInEitherOrderNeverWaitOnEachOther() throws Exception {
        KeyedLock lock = new KeyedLock(2); // "a" and "b" on different stripes
        AtomicInteger bothHeld = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean reversed = i % 2 == 0;
                futures.add(executor.submit(() -> {
                    start.await();
                    return lock.call(reversed ? "b" : "a", reversed ? "a" : "b", () -> {
                        Thread.yield();
                        return lock.call("a", () -> lock.heldByCurrentThread("b")
                                ? bothHeld.incrementAndGet() : 0);
                    });
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(bothHeld).hasValue(200);
        assertThat(lock.heldByCurrentThread("a") || lock.heldByCurrentThread("b")).isFalse();
    }

    @Test
    void refusesNoStripes() {
        assertThatThrownBy(() -> new KeyedLock(0)).hasMessageContaining("stripes must be positive");
    }
}

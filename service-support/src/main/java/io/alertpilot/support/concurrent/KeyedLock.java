package io.alertpilot.support.concurrent;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Mutual exclusion per key: work for one key runs one at a time, work for different keys usually in parallel.
 *
 * <p>Keys are spread over a fixed number of stripes, so two keys may share a stripe and wait for each other; that
 * costs throughput, never correctness. The stripes are {@link ReentrantLock}s, not monitors: a virtual thread that
 * waits inside (for a Kafka acknowledgement, for instance) unmounts instead of pinning its carrier. Reentrant for the
 * same thread. Thread safe.
 */
public final class KeyedLock {

    /** The default number of stripes. */
    public static final int DEFAULT_STRIPES = 64;

    private final ReentrantLock[] stripes;

    /** A lock with {@link #DEFAULT_STRIPES} stripes. */
    public KeyedLock() {
        this(DEFAULT_STRIPES);
    }

    /**
     * A lock with {@code stripes} stripes.
     *
     * @throws IllegalArgumentException when {@code stripes} is not positive
     */
    public KeyedLock(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be positive, was " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    /** Runs {@code work} while holding the lock of {@code key}, and returns its result. */
    public <T> T call(String key, Supplier<T> work) {
        return call(stripe(key), work);
    }

    private static <T> T call(ReentrantLock lock, Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} while holding the locks of both keys, and returns its result. The two stripes are taken in
     * one fixed order, so two such calls never wait on each other; {@code work} may take the lock of either key again
     * (reentrant), but no other.
     */
    public <T> T call(String first, String second, Supplier<T> work) {
        int a = index(first);
        int b = index(second);
        return call(stripes[Math.min(a, b)], () -> call(stripes[Math.max(a, b)], work));
    }

    /** Runs {@code work} while holding the lock of {@code key}. */
    public void run(String key, Runnable work) {
        call(key, () -> {
            work.run();
            return null;
        });
    }

    /** True when the current thread holds the lock of {@code key}'s stripe. */
    public boolean heldByCurrentThread(String key) {
        return stripe(key).isHeldByCurrentThread();
    }

    private ReentrantLock stripe(String key) {
        return stripes[index(key)];
    }

    private int index(String key) {
        return Math.floorMod(key.hashCode(), stripes.length);
    }
}

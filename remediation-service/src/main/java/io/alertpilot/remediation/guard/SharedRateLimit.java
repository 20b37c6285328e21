package io.alertpilot.remediation.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global rate limit of actions across every replica of the service. The recent action starts are kept in the
 * shared {@link Ledger} under a reserved key ({@link #LIVE_KEY}, {@link #DRY_RUN_KEY} for the dry-run twin; no
 * {@code /} in them, so they can never be a target's key). A permit is taken under the cluster-wide lock of that key
 * ({@link TargetLocks}: a Lease with several replicas), after the ledger caught up with the other replicas
 * ({@link Ledger#sync()}): count the starts within the period, write the new one, release. Two replicas therefore never
 * both take the last permit.
 *
 * <p>The dry-run twin ({@link #twin()}) takes no cluster lock: a dry run must change nothing in the cluster (a Lease
 * is written to take the lock, and read-only RBAC would refuse it). It syncs the ledger, counts and writes with Kafka's
 * acknowledgement, so its count is exact on one replica, and across replicas too since the write is conditional (a
 * replica that counted on a stale entry counts again).
 *
 * <p>{@link #available()} reads the entry as this replica last saw it, with no lock and no wait, for the guards that
 * decide; {@link #tryAcquire()} decides for good. When the lock cannot be had, or the ledger not read and written,
 * within {@code timeout}, {@link #tryAcquire()} throws {@link GuardCheckUnavailableException} ({@link #UNAVAILABLE},
 * {@code lock-unavailable}, {@code circuit-open} or {@code ledger-unavailable}): the action is refused rather than run
 * unbounded. Thread safe.
 */
public final class SharedRateLimit implements RateLimit {

    /** The ledger key and lock name of the live count. */
    public static final String LIVE_KEY = "~rate-limit";
    /** The ledger key and lock name of the dry-run count. */
    public static final String DRY_RUN_KEY = "~rate-limit.dry-run";
    /** The reason of a refusal when the count stayed locked by another replica for the whole timeout. */
    public static final String UNAVAILABLE = "rate-limit-unavailable";

    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);

    /** How long the count's lock lives without renewal (a Lease lock renews itself while held). */
    static final Duration COUNT_LOCK_TTL = Duration.ofSeconds(5);

    private final Bound bound;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final Duration timeout;
    private final Clock clock;
    private final String key;
    /** This replica's turn at the count: one taker at a time (see the class comment). */
    private final ReentrantLock local = new ReentrantLock();

    /**
     * The live count.
     *
     * @param timeout how long taking a permit may wait for the lock, and for the ledger to be read and written; the
     *     lock is held for at most three times as long (a replica that dies holding it blocks no one for longer)
     */
    public SharedRateLimit(int limit, Duration period, Ledger ledger, TargetLocks locks, Duration timeout,
            Clock clock) {
        this(new Bound(limit, period), ledger, locks, timeout, clock, LIVE_KEY);
    }

    private SharedRateLimit(Bound bound, Ledger ledger, TargetLocks locks, Duration timeout, Clock clock, String key) {
        this.bound = bound;
        this.ledger = ledger;
        this.locks = locks;
        this.timeout = timeout;
        this.clock = clock;
        this.key = key;
    }

    /** The dry-run count, under {@link #DRY_RUN_KEY}. */
    @Override
    public SharedRateLimit twin() {
        return new SharedRateLimit(bound, ledger, locks, timeout, clock, DRY_RUN_KEY);
    }

    @Override
    public int available() {
        return Math.max(0, bound.limit() - recent(ledger.get(key), clock.instant()).size());
    }

    @Override
    public boolean tryAcquire() {
        long deadline = System.nanoTime() + timeout.toNanos();
        takeLocalTurn(deadline);
        try {
            if (key.equals(DRY_RUN_KEY)) {
                return count();
            }
            try (TargetLocks.TargetLock ignored = lock(deadline)) {
                return count();
            }
        } finally {
            local.unlock();
        }
    }

    /** Waits for this replica's other takers of the count until {@code deadline}. */
    private void takeLocalTurn(long deadline) {
        try {
            if (!local.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw new GuardCheckUnavailableException(UNAVAILABLE, "the count of the global rate limit stayed "
                        + "busy with this replica's other actions for longer than " + timeout
                        + ": the action is refused rather than run unbounded", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardCheckUnavailableException(UNAVAILABLE, "interrupted while waiting for the count of the "
                    + "global rate limit", e);
        }
    }

    /**
     * After the ledger caught up: false when the period's starts reach the limit, else records a start now. The write
     * is conditional on the count read: when another replica counted meanwhile (the dry-run twin takes no lock, a
     * deposed lock holder may still write), the count is read and decided again.
     */
    private boolean count() {
        Instant now = clock.instant();
        boolean[] taken = {false};
        ledger.update(key, read -> {
            List<Instant> starts = recent(read, now);
            taken[0] = starts.size() < bound.limit();
            if (!taken[0]) {
                return read;
            }
            starts.add(now);
            return new LedgerEntry(key, now, starts, null, List.of(), List.of(), List.of(), null, now, List.of(),
                    List.of(), List.of(), read.version(), List.of());
        });
        return taken[0];
    }

    @Override
    public Bound bound() {
        return bound;
    }

    /** The ledger key this count is kept under. */
    public String key() {
        return key;
    }

    private TargetLocks.TargetLock lock(long deadline) {
        // short: the lock is renewed while held, and a replica killed while counting must not hold every action
        // back for long (the count itself is exact whatever happens: it is a conditional ledger write)
        while (true) {
            Optional<TargetLocks.TargetLock> taken = locks.tryLock(key, COUNT_LOCK_TTL);
            if (taken.isPresent()) {
                return taken.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new GuardCheckUnavailableException(UNAVAILABLE, "the count of the global rate limit stayed "
                        + "locked (" + locks.holder(key).orElse("by another replica") + ") for longer than " + timeout
                        + ": the action is refused rather than run unbounded", null);
            }
            try {
                Thread.sleep(RETRY_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GuardCheckUnavailableException(UNAVAILABLE, "interrupted while waiting for the count of the "
                        + "global rate limit", e);
            }
        }
    }

    /** The starts of {@code entry} within the period before {@code now}, oldest first; a new list. */
    private List<Instant> recent(LedgerEntry entry, Instant now) {
        Instant oldest = now.minus(bound.period());
        return new ArrayList<>(entry.attempts().stream().filter(t -> t.isAfter(oldest)).toList());
    }
}

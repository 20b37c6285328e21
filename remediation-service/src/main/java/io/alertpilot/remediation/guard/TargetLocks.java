package io.alertpilot.remediation.guard;

import java.time.Duration;
import java.util.Optional;

/**
 * "One action at a time per target", also across replicas. A lock expires after its time to live, so a replica that
 * dies cannot block a target for ever. Implementations must be thread safe.
 */
public interface TargetLocks {

    /**
     * Takes the lock of {@code targetKey} for {@code ttl}, or answers empty when someone else holds it.
     *
     * @throws GuardCheckUnavailableException when the lock store cannot be reached
     */
    Optional<TargetLock> tryLock(String targetKey, Duration ttl);

    /**
     * Takes the lock of {@code targetKey} for {@code ttl} for periodic work that simply tries again at its next turn:
     * empty when someone else holds it or the lock store cannot be reached.
     */
    default Optional<TargetLock> tryLockForCheck(String targetKey, Duration ttl) {
        try {
            return tryLock(targetKey, ttl);
        } catch (GuardCheckUnavailableException e) {
            return Optional.empty();
        }
    }

    /** Who holds the lock of {@code targetKey} now, if anyone (for evaluate). */
    Optional<String> holder(String targetKey);

    /** A held lock; closing releases it (idempotent). */
    interface TargetLock extends AutoCloseable {
        @Override
        void close();

        /**
         * Whether this lock is still held: true until it is closed, or (a lock kept alive by renewal) until it was
         * found lost, taken over by someone else or not renewed within its time to live. An answer of false is
         * final.
         */
        default boolean held() {
            return true;
        }
    }
}

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

    /** Who holds the lock of {@code targetKey} now, if anyone (for evaluate). */
    Optional<String> holder(String targetKey);

    /** A held lock; closing releases it (idempotent). */
    interface TargetLock extends AutoCloseable {
        @Override
        void close();
    }
}

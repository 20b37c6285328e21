package io.alertpilot.remediation.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Target locks inside one JVM, for a service without a Kubernetes cluster (dry run, one replica). With several
 * replicas use the Kubernetes Lease implementation. A lock is held until it is closed, unless it outlived its time to
 * live and another taker took it (then {@link TargetLock#held()} answers false). Thread safe.
 */
public final class LocalTargetLocks implements TargetLocks {

    private record Held(String owner, Instant expires) {
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String identity;

    public LocalTargetLocks(Clock clock, String identity) {
        this.clock = clock;
        this.identity = identity;
    }

    @Override
    public Optional<TargetLock> tryLock(String targetKey, Duration ttl) {
        String token = identity + "/" + java.util.UUID.randomUUID();
        Instant now = clock.instant();
        Held mine = new Held(token, now.plus(ttl));
        Held result = held.compute(targetKey, (key, current) ->
                current == null || !current.expires().isAfter(now) ? mine : current);
        if (result != mine) {
            return Optional.empty();
        }
        return Optional.of(new TargetLock() {
            private volatile boolean closed;

            @Override
            public void close() {
                closed = true;
                held.remove(targetKey, mine);
            }

            @Override
            public boolean held() {
                return !closed && held.get(targetKey) == mine;
            }
        });
    }

    @Override
    public Optional<String> holder(String targetKey) {
        Held current = held.get(targetKey);
        return current == null || !current.expires().isAfter(clock.instant()) ? Optional.empty()
                : Optional.of(current.owner());
    }
}

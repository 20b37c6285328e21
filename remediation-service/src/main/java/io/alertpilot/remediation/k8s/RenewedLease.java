package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target lock held as a Lease and kept alive: every ttl/3 its {@code renewTime} is written with the read
 * {@code resourceVersion} as precondition, on one scheduler thread shared by every lock of the JVM. A renewal that
 * finds the Lease gone or held by another holder marks the lock lost (a WARN, once); one the API does not answer is
 * tried again at the next turn, and the lock counts as held until its time to live has passed since the last renewal
 * that succeeded. Closing stops the renewal and deletes the Lease while it is still ours. Thread safe.
 */
final class RenewedLease implements TargetLock {

    private static final Logger log = LoggerFactory.getLogger(RenewedLease.class);
    private static final Duration SHORTEST_TURN = Duration.ofMillis(100);
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "alertpilot-lease-renewal");
        thread.setDaemon(true);
        return thread;
    });

    /** What the renewal found, from inside the cluster call. */
    private enum Outcome { RENEWED, LOST, CONFLICT }

    private final LeaseTargetLocks locks;
    private final String name;
    private final String holder;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledFuture<?> renewal;
    private volatile Instant renewed;
    private volatile boolean lost;
    private volatile boolean closed;

    RenewedLease(LeaseTargetLocks locks, String name, String holder, Duration ttl, Instant taken, Clock clock) {
        this.locks = locks;
        this.name = name;
        this.holder = holder;
        this.ttl = ttl;
        this.clock = clock;
        this.renewed = taken;
        long turn = Math.max(SHORTEST_TURN.toMillis(), ttl.toMillis() / 3);
        this.renewal = RENEWALS.scheduleWithFixedDelay(this::renew, turn, turn, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean held() {
        return !closed && !lost && clock.instant().isBefore(renewed.plus(ttl));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        renewal.cancel(false);
        try {
            locks.call(() -> {
                Lease current = locks.leases().withName(name).get();
                if (current != null && holder.equals(current.getSpec().getHolderIdentity())) {
                    locks.leases().resource(current).delete();
                }
                return null;
            });
        } catch (GuardCheckUnavailableException e) {
            // the Lease expires by itself
        }
    }

    private void renew() {
        if (closed || lost) {
            return;
        }
        Instant now = clock.instant();
        Outcome outcome;
        try {
            outcome = locks.call(() -> {
                Lease current = locks.leases().withName(name).get();
                if (current == null || current.getSpec() == null
                        || !holder.equals(current.getSpec().getHolderIdentity())) {
                    return Outcome.LOST;
                }
                current.getSpec().setRenewTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
                try {
                    locks.leases().resource(current).update(); // carries the read resourceVersion: refused when it changed meanwhile
                    return Outcome.RENEWED;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 404) {
                        return Outcome.LOST;
                    }
                    if (e.getCode() == 409) {
                        return Outcome.CONFLICT;
                    }
                    throw e;
                }
            });
        } catch (GuardCheckUnavailableException | KubernetesClientException e) {
            outcome = Outcome.CONFLICT; // unanswered: tried again at the next turn
        }
        if (outcome == Outcome.RENEWED) {
            renewed = now;
        } else if (outcome == Outcome.LOST) {
            lose("the Lease " + name + " is gone or held by another holder");
        } else if (!clock.instant().isBefore(renewed.plus(ttl))) {
            lose("the Lease " + name + " was not renewed within its time to live of " + ttl);
        }
    }

    private void lose(String why) {
        if (closed || lost) {
            return;
        }
        lost = true;
        renewal.cancel(false);
        log.warn("Target lock lost: {}; the action in flight finishes without it", why);
    }
}

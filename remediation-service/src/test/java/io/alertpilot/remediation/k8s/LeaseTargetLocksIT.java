package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.SharedRateLimit;
import io.alertpilot.remediation.guard.TargetLocks;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' Lease locks on fabric8's mock API server (CRUD): one holder per target at a time, a held lock renewed
 * past its time to live, lost when someone else took its Lease, and no renewal after it was released.
 */
class LeaseTargetLocksIT {

    private KubernetesMockServer server;
    private KubernetesClient client;
    private KubernetesResilience resilience;
    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
        resilience = new KubernetesResilience(new ResilienceSettings(Duration.ofSeconds(5), 3, Duration.ofMillis(10),
                Duration.ofMillis(50), 50, 10, 5, Duration.ofSeconds(30)), new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() {
        resilience.close();
        client.close();
        server.destroy();
    }

    private LeaseTargetLocks replica(String identity) {
        return replica(identity, clock);
    }

    private LeaseTargetLocks replica(String identity, Clock clock) {
        return new LeaseTargetLocks(resilience, new KubernetesClusters(Map.of("default", client), "default"),
                "default", "alertpilot", identity, clock);
    }

    private Lease lease(String key) {
        return client.leases().inNamespace("alertpilot").withName(LeaseTargetLocks.leaseName(key)).get();
    }

    @Test
    void theDryRunCountOfTheRateLimitWritesNoLeaseWhileTheLiveCountLocksWithOne() {
        SharedRateLimit live = new SharedRateLimit(5, Duration.ofMinutes(1), new InMemoryLedger(), replica("replica-a"),
                Duration.ofSeconds(2), clock);
        SharedRateLimit dryRun = live.twin();
        int before = server.getRequestCount();

        assertThat(dryRun.tryAcquire()).isTrue();
        assertThat(dryRun.tryAcquire()).isTrue();

        assertThat(server.getRequestCount()).as("requests to the cluster during a dry run").isEqualTo(before);
        assertThat(dryRun.available()).isEqualTo(3);
        assertThat(live.tryAcquire()).isTrue();
        assertThat(server.getRequestCount()).as("the live count takes its Lease").isGreaterThan(before);
        assertThat(client.leases().inNamespace("alertpilot").list().getItems()).isEmpty();
    }

    @Test
    void twoReplicasNeverHoldOneTargetAtOnce() {
        LeaseTargetLocks a = replica("replica-a");
        LeaseTargetLocks b = replica("replica-b");
        String key = "default/shop/Deployment/checkout-api";

        Optional<TargetLocks.TargetLock> held = a.tryLock(key, Duration.ofMinutes(10));
        assertThat(held).isPresent();
        assertThat(b.tryLock(key, Duration.ofMinutes(10))).isEmpty();
        assertThat(b.holder(key)).hasValueSatisfying(h -> assertThat(h).startsWith("replica-a/"));
        assertThat(b.tryLock("default/shop/Deployment/other", Duration.ofMinutes(10))).isPresent();

        Lease lease = lease(key);
        assertThat(lease.getMetadata().getAnnotations()).containsEntry(LeaseTargetLocks.TARGET_ANNOTATION, key);

        held.get().close();
        assertThat(b.tryLock(key, Duration.ofMinutes(10))).isPresent();
        assertThat(a.tryLock(key, Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void anExpiredLeaseOfADeadReplicaIsTakenOver() {
        String key = "default/shop/Deployment/api";
        assertThat(replica("dead").tryLock(key, Duration.ofSeconds(30))).isPresent();
        LeaseTargetLocks survivor = replica("survivor");
        assertThat(survivor.tryLock(key, Duration.ofSeconds(30))).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(survivor.tryLock(key, Duration.ofSeconds(30))).isPresent();
        assertThat(survivor.holder(key)).hasValueSatisfying(h -> assertThat(h).startsWith("survivor/"));
    }

    @Test
    void aLockHeldLongerThanItsTimeToLiveIsRenewedAndNobodyElseGetsIt() {
        Duration ttl = Duration.ofSeconds(2);
        String key = "default/shop/Deployment/slow-rollout";
        LeaseTargetLocks other = replica("replica-b", Clock.systemUTC());
        TargetLocks.TargetLock held = replica("replica-a", Clock.systemUTC()).tryLock(key, ttl).orElseThrow();
        Instant taken = lease(key).getSpec().getRenewTime().toInstant();

        // three times the time to live: without renewal the Lease would have expired twice over
        await().during(ttl.multipliedBy(3)).atMost(ttl.multipliedBy(4))
                .until(() -> held.held() && other.tryLock(key, ttl).isEmpty());

        assertThat(lease(key).getSpec().getRenewTime().toInstant()).as("renewed").isAfter(taken);
        assertThat(other.holder(key)).hasValueSatisfying(h -> assertThat(h).startsWith("replica-a/"));
        held.close();
        assertThat(held.held()).isFalse();
    }

    @Test
    void aLeaseTakenOverBySomeoneElseIsNoLongerHeld() {
        Duration ttl = Duration.ofSeconds(3);
        String key = "default/shop/Deployment/api";
        TargetLocks.TargetLock held = replica("replica-a", Clock.systemUTC()).tryLock(key, ttl).orElseThrow();
        assertThat(held.held()).isTrue();

        client.leases().inNamespace("alertpilot").withName(LeaseTargetLocks.leaseName(key)).edit(lease -> {
            lease.getSpec().setHolderIdentity("someone-else/1");
            return lease;
        });

        await().atMost(ttl.multipliedBy(2)).until(() -> !held.held());
        held.close();
        assertThat(lease(key).getSpec().getHolderIdentity()).as("not ours to delete").isEqualTo("someone-else/1");
    }

    @Test
    void closingStopsTheRenewal() {
        Duration ttl = Duration.ofMillis(1500);
        String key = "default/shop/Deployment/worker";
        TargetLocks.TargetLock held = replica("replica-a", Clock.systemUTC()).tryLock(key, ttl).orElseThrow();
        await().atMost(ttl.multipliedBy(2)).until(() -> lease(key).getSpec().getRenewTime().toInstant()
                .isAfter(lease(key).getSpec().getAcquireTime().toInstant()));

        held.close();

        assertThat(lease(key)).as("deleted on close").isNull();
        // several renewal turns (ttl/3 each) later, nothing has written the Lease again
        await().during(ttl).atMost(ttl.multipliedBy(2)).until(() -> lease(key) == null);
        assertThat(held.held()).isFalse();
    }
}

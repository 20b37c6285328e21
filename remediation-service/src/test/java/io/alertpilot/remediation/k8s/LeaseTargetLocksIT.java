package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two replicas' Lease locks on fabric8's mock API server (CRUD): one holder per target at a time. */
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
        return new LeaseTargetLocks(resilience, new KubernetesClusters(Map.of("default", client), "default"),
                "default", "alertpilot", identity, clock);
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

        Lease lease = client.leases().inNamespace("alertpilot").withName(LeaseTargetLocks.leaseName(key)).get();
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
}

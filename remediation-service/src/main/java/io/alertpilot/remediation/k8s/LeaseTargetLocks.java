package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.TargetLocks;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * "One action at a time per target" across replicas with a {@code coordination.k8s.io/v1} Lease per target in the
 * lock cluster. Taking a lock creates the Lease (409 when it exists) or takes over an expired one with an update that
 * carries the read {@code resourceVersion} (409 when someone else was faster). Releasing deletes it when it is still
 * ours. While held, the Lease is renewed every ttl/3 ({@link RenewedLease}), so a lock outlives any verification of a
 * live replica; a replica that dies leaves a Lease that expires after its duration. Thread safe.
 */
public final class LeaseTargetLocks implements TargetLocks {

    static final String TARGET_ANNOTATION = "alertpilot.io/target";

    private final KubernetesResilience resilience;
    private final String cluster;
    private final KubernetesClient client;
    private final String namespace;
    private final String identity;
    private final Clock clock;

    public LeaseTargetLocks(KubernetesResilience resilience, KubernetesClusters clusters, String cluster,
            String namespace, String identity, Clock clock) {
        this.resilience = resilience;
        this.cluster = clusters.resolve(cluster);
        this.client = clusters.client(cluster);
        this.namespace = namespace;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public Optional<TargetLock> tryLock(String targetKey, Duration ttl) {
        String name = leaseName(targetKey);
        String holder = identity + "/" + UUID.randomUUID();
        Instant now = clock.instant();
        Optional<Lease> taken = call(() -> {
            Lease current = leases().withName(name).get();
            Lease mine = new LeaseBuilder()
                    .withNewMetadata()
                        .withName(name)
                        .withNamespace(namespace)
                        .addToAnnotations(TARGET_ANNOTATION, targetKey)
                        .addToLabels("app.kubernetes.io/managed-by", "alertpilot")
                    .endMetadata()
                    .withNewSpec()
                        .withHolderIdentity(holder)
                        .withAcquireTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                        .withRenewTime(ZonedDateTime.ofInstant(now, ZoneOffset.UTC))
                        .withLeaseDurationSeconds((int) Math.max(1, ttl.toSeconds()))
                    .endSpec()
                    .build();
            try {
                if (current == null) {
                    return Optional.of(leases().resource(mine).create());
                }
                if (!expired(current, now)) {
                    return Optional.<Lease>empty();
                }
                mine.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
                return Optional.of(leases().resource(mine).update());
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return Optional.<Lease>empty();
                }
                throw e;
            }
        });
        if (taken.isEmpty() || !holder.equals(taken.get().getSpec().getHolderIdentity())) {
            return Optional.empty();
        }
        return Optional.of(new RenewedLease(this, name, holder, ttl, now, clock));
    }

    @Override
    public Optional<String> holder(String targetKey) {
        Lease current = call(() -> leases().withName(leaseName(targetKey)).get());
        if (current == null || expired(current, clock.instant())) {
            return Optional.empty();
        }
        return Optional.ofNullable(current.getSpec().getHolderIdentity());
    }

    /** The Leases of the lock namespace. */
    NonNamespaceOperation<Lease, LeaseList, Resource<Lease>> leases() {
        return client.leases().inNamespace(namespace);
    }

    /** A call to the lock cluster through its resilience; unanswered: {@link GuardCheckUnavailableException}. */
    <T> T call(Supplier<T> call) {
        try {
            return resilience.call(cluster, call);
        } catch (CircuitOpenException e) {
            throw new GuardCheckUnavailableException("circuit-open", e.getMessage(), e);
        } catch (ClusterCallException e) {
            throw new GuardCheckUnavailableException("lock-unavailable", "the target lock (a Lease in namespace "
                    + namespace + ") cannot be taken: " + e.reason() + " " + e.getMessage(), e);
        }
    }

    private static boolean expired(Lease lease, Instant now) {
        if (lease.getSpec() == null || lease.getSpec().getRenewTime() == null
                || lease.getSpec().getLeaseDurationSeconds() == null) {
            return true;
        }
        Instant renewed = lease.getSpec().getRenewTime().toInstant();
        return !renewed.plusSeconds(lease.getSpec().getLeaseDurationSeconds()).isAfter(now);
    }

    /** A valid, stable Lease name for a target key (which holds '/' and may be long). */
    static String leaseName(String targetKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(targetKey.getBytes(StandardCharsets.UTF_8));
            return "alertpilot-target-" + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

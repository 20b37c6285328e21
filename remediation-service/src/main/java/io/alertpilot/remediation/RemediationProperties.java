package io.alertpilot.remediation;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.run.RemediationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the remediation service ({@code alertpilot.remediation.*}); every default is here.
 *
 * @param dryRun true (the default): PLANNED events only, nothing is changed. Setting it to false also needs
 *     {@code kubernetes.enabled=true}.
 * @param identity this replica's name in Lease holders and logs; empty means the host name plus a random suffix
 */
@Validated
@ConfigurationProperties("alertpilot.remediation")
public record RemediationProperties(
        @DefaultValue("true") boolean dryRun,
        @DefaultValue("") String identity,
        @DefaultValue @Valid Playbooks playbooks,
        @DefaultValue @Valid Namespaces namespaces,
        @DefaultValue @Valid Guard guard,
        @DefaultValue @Valid Verify verify,
        @DefaultValue @Valid Approval approval,
        @DefaultValue @Valid Lock lock,
        @DefaultValue @Valid Kubernetes kubernetes,
        @DefaultValue @Valid Resilience resilience,
        @DefaultValue @Valid TopicNames topics,
        @DefaultValue @Valid Consumer consumer) {

    public RemediationProperties {
        if (!dryRun && !kubernetes.enabled()) {
            throw new IllegalArgumentException("alertpilot.remediation.dry-run=false needs a Kubernetes cluster: set "
                    + "alertpilot.remediation.kubernetes.enabled=true (and a kubeconfig, in-cluster account or "
                    + "alertpilot.remediation.kubernetes.clusters.<name>.master-url)");
        }
        if (lock.ttl() != null && verify.timeout() != null && lock.ttl().compareTo(verify.timeout()) <= 0) {
            throw new IllegalArgumentException("alertpilot.remediation.lock.ttl=" + lock.ttl() + " must be longer "
                    + "than alertpilot.remediation.verify.timeout=" + verify.timeout() + ": a target lock that could "
                    + "expire while its action is verified would let another replica act on the target (the lock is "
                    + "renewed while held, but a replica that stops renewing loses it after its ttl)");
        }
    }

    /**
     * The clusters a plan may name: those configured under {@code kubernetes.clusters}, or the default cluster alone
     * when none is listed; unchecked only when Kubernetes is off and no cluster is listed (dry run only).
     */
    public KnownClusters knownClusters() {
        if (!kubernetes.enabled() && kubernetes.clusters().isEmpty()) {
            return KnownClusters.unchecked();
        }
        return KnownClusters.of(kubernetes.clusterNames());
    }

    /** The guard defaults these settings give every playbook. */
    public GuardDefaults guardDefaults() {
        return new GuardDefaults(guard.cooldown(), guard.maxAttempts(), guard.window(), guard.flapTransitions(),
                guard.flapWindow(), guard.minReadyReplicas());
    }

    /** The namespaces actions may touch. */
    public NamespacePolicy namespacePolicy() {
        return new NamespacePolicy(new HashSet<>(namespaces.allow()), new HashSet<>(namespaces.deny()));
    }

    /** How the remediation run runs: dry run, lock time to live, verification and approval times. */
    public RemediationSettings runSettings() {
        return new RemediationSettings(dryRun, lock.ttl(), verify.timeout(), verify.interval(), approval.timeout());
    }

    /**
     * @param locations directories (every *.yml/*.yaml), files or classpath: resources, read in this order
     * @param reloadInterval how often the locations are read again
     */
    public record Playbooks(
            @DefaultValue("classpath:playbooks/examples.yml") @NotEmpty List<String> locations,
            @DefaultValue("10s") @NotNull Duration reloadInterval) {
    }

    /** Namespaces actions may touch: none of {@code deny}; when {@code allow} is set, only those. */
    public record Namespaces(
            @DefaultValue({}) List<String> allow,
            @DefaultValue({"kube-system", "kube-public", "kube-node-lease"}) List<String> deny) {
    }

    /**
     * Service-wide guard defaults; a playbook's {@code guard} overrides them.
     *
     * @param rateLimit the most actions the whole service starts per {@code ratePeriod}, every replica together (the
     *     count is kept in the ledger; the dry-run count apart)
     */
    public record Guard(
            @DefaultValue("5m") @NotNull Duration cooldown,
            @DefaultValue("3") @Min(1) int maxAttempts,
            @DefaultValue("1h") @NotNull Duration window,
            @DefaultValue("6") @Min(1) int flapTransitions,
            @DefaultValue("30m") @NotNull Duration flapWindow,
            @DefaultValue("1") @Min(0) int minReadyReplicas,
            @DefaultValue("20") @Min(1) int rateLimit,
            @DefaultValue("1m") @NotNull Duration ratePeriod) {
    }

    /** Verification after an action. */
    public record Verify(
            @DefaultValue("5m") @NotNull Duration timeout,
            @DefaultValue("5s") @NotNull Duration interval) {
    }

    /**
     * Approvals: how long one may wait, how often expired ones are looked for (and ladder steps whose
     * {@code holdFor} ended are judged).
     */
    public record Approval(
            @DefaultValue("30m") @NotNull Duration timeout,
            @DefaultValue("15s") @NotNull Duration checkInterval) {
    }

    /**
     * The per-target lock: a Lease in {@code namespace} of {@code cluster} (the default cluster when empty).
     *
     * @param ttl how long a lock lives unless released or renewed (a held lock is renewed every ttl/3); must be
     *     longer than {@code verify.timeout}, and at least as long as any playbook's verify time
     *     ({@code verify.rolloutTimeout}, else {@code verify.timeout}) (checked at start-up and when playbooks load)
     */
    public record Lock(
            @DefaultValue("alertpilot") @NotBlank String namespace,
            @DefaultValue("") String cluster,
            @DefaultValue("15m") @NotNull Duration ttl) {
    }

    /**
     * Kubernetes clusters. Off by default: then the service runs in dry run only, with in-JVM target locks.
     *
     * @param clusters by name; when empty, one cluster called {@code defaultCluster} from the kubeconfig or the
     *     in-cluster service account
     */
    public record Kubernetes(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("default") @NotBlank String defaultCluster,
            Map<String, Cluster> clusters,
            @DefaultValue("10s") @NotNull Duration requestTimeout,
            @DefaultValue("5s") @NotNull Duration connectTimeout) {

        public Kubernetes {
            clusters = clusters == null ? Map.of() : Map.copyOf(clusters);
        }

        /** The names of the clusters the service connects to: those listed, or the default cluster alone. */
        public Set<String> clusterNames() {
            return clusters.isEmpty() ? Set.of(defaultCluster) : clusters.keySet();
        }
    }

    /**
     * One cluster. Credentials come from the kubeconfig file or the in-cluster service account, never from here.
     *
     * @param masterUrl the API server URL; empty reads {@code kubeconfig} (or the default kubeconfig / in-cluster)
     * @param kubeconfig a kubeconfig file
     * @param context the kubeconfig context; empty uses the current one
     */
    public record Cluster(
            @DefaultValue("") String masterUrl,
            @DefaultValue("") String kubeconfig,
            @DefaultValue("") String context,
            @DefaultValue("false") boolean trustCerts) {
    }

    /** Resilience4j around every Kubernetes call, per cluster. */
    public record Resilience(
            @DefaultValue("10s") @NotNull Duration callTimeout,
            @DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
            @DefaultValue("200ms") @NotNull Duration initialBackoff,
            @DefaultValue("5s") @NotNull Duration maxBackoff,
            @DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
            @DefaultValue("10") @Min(1) int slidingWindowSize,
            @DefaultValue("5") @Min(1) int minimumCalls,
            @DefaultValue("30s") @NotNull Duration openDuration) {
    }

    /**
     * Topic names and how they are created when missing.
     *
     * @param commands approve and reject answers given elsewhere (Slack buttons, through the notifier)
     */
    public record TopicNames(
            @DefaultValue(Topics.ALERTS) @NotBlank String alerts,
            @DefaultValue(Topics.REMEDIATIONS) @NotBlank String remediations,
            @DefaultValue(Topics.REMEDIATION_LEDGER) @NotBlank String ledger,
            @DefaultValue(Topics.REMEDIATION_COMMANDS) @NotBlank String commands,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("0") @Min(0) int replicas) {
    }

    /**
     * The alerts consumer.
     *
     * @param concurrency listener threads (consumers of the group in this replica; more than the alert topic's
     *     partitions idle). Alerts of one target may come in on two threads at once: the Remediator handles one
     *     target at a time in a replica, and the target lock (a Lease when live) across replicas
     * @param retries attempts after the first before a record goes to the dead-letter topic
     * @param sendTimeout how long an event or ledger write waits for Kafka's acknowledgement
     * @param parallelism alerts of different keys (fingerprints) of a poll decided at once, on one pool shared by
     *     the listener threads; the alerts of one key are decided in their order. 1: one after the other
     */
    public record Consumer(
            @DefaultValue("alertpilot-remediation") @NotBlank String groupId,
            @DefaultValue("3") @Min(1) int concurrency,
            @DefaultValue("3") @Min(0) int retries,
            @DefaultValue("1s") @NotNull Duration retryBackoff,
            @DefaultValue("10s") @NotNull Duration sendTimeout,
            @DefaultValue("64") @Min(1) int parallelism) {
    }
}

package io.alertpilot.remediation;

import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.SharedRateLimit;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.azure.ActionRouter;
import io.alertpilot.remediation.azure.AzureActionExecutor;
import io.alertpilot.remediation.k8s.Diagnostician;
import io.alertpilot.remediation.k8s.KubernetesActionExecutor;
import io.alertpilot.remediation.k8s.KubernetesClusters;
import io.alertpilot.remediation.k8s.KubernetesInspector;
import io.alertpilot.remediation.k8s.KubernetesResilience;
import io.alertpilot.remediation.k8s.KubernetesWarmUp;
import io.alertpilot.remediation.k8s.LeaseTargetLocks;
import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.report.KafkaEventSink;
import io.alertpilot.remediation.report.KafkaLedger;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.run.Approvals;
import io.alertpilot.remediation.run.IntentRecovery;
import io.alertpilot.remediation.run.Ladders;
import io.alertpilot.remediation.run.DiagnoseBeforePage;
import io.alertpilot.remediation.run.PageDiagnosis;
import io.alertpilot.remediation.run.Evaluator;
import io.alertpilot.remediation.run.RemediationMetrics;
import io.alertpilot.remediation.run.RemediationReporter;
import io.alertpilot.remediation.run.RemediationRun;
import io.alertpilot.remediation.run.TargetGuards;
import io.alertpilot.remediation.run.Remediator;
import io.alertpilot.remediation.run.WebhookExecutor;
import io.alertpilot.remediation.run.WindowTransitions;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.ReadModelTopics;
import io.alertpilot.support.concurrent.PeriodicTask;
import io.alertpilot.support.formats.AlertFormatsConfiguration;
import io.alertpilot.support.health.BreakerStatesHealthIndicator;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.maintenance.KafkaMaintenanceWindows;
import io.alertpilot.support.maintenance.MaintenanceProperties;
import io.alertpilot.support.maintenance.MaintenanceTopics;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the remediation service from {@link RemediationProperties}. Every bean name starts with {@code remediation}
 * so the service can share one context with the others (standalone). Without
 * {@code alertpilot.remediation.kubernetes.enabled} there is no cluster: dry run, in-JVM target locks, and the
 * blast-radius guards show as "unknown" in evaluate. Evaluate reads alert bodies with the alert formats of
 * {@code alertpilot.formats.*}, the settings ingest's webhooks use.
 */
@Configuration(proxyBeanMethods = false)
@Import({AlertFormatsConfiguration.class, MaintenanceTopics.class})
class RemediationConfiguration {

    @Bean
    PlaybookLibrary remediationPlaybookLibrary(RemediationProperties properties, Clock clock) {
        return new PlaybookLibrary(properties.playbooks().locations(), properties.lock().ttl(), clock);
    }

    static String identity(RemediationProperties properties) {
        if (!properties.identity().isBlank()) {
            return properties.identity();
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "remediation";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Bean
    GuardDefaults remediationGuardDefaults(RemediationProperties properties) {
        return properties.guardDefaults();
    }

    @Bean
    NamespacePolicy remediationNamespacePolicy(RemediationProperties properties) {
        return properties.namespacePolicy();
    }

    @Bean
    ActionPlanner remediationPlanner(NamespacePolicy remediationNamespacePolicy, RemediationProperties properties) {
        return new ActionPlanner(remediationNamespacePolicy, properties.kubernetes().defaultCluster());
    }

    /** The rate limit is counted across replicas: in the ledger, under the lock store's cluster-wide lock. */
    @Bean
    Guards remediationGuards(NamespacePolicy remediationNamespacePolicy, KafkaLedger remediationLedger,
            TargetLocks remediationTargetLocks, RemediationProperties properties, Clock clock) {
        return new Guards(remediationNamespacePolicy, new SharedRateLimit(properties.guard().rateLimit(),
                properties.guard().ratePeriod(), remediationLedger, remediationTargetLocks,
                properties.consumer().sendTimeout(), clock), clock);
    }

    @Bean
    RemediationMetrics remediationMetrics(MeterRegistry registry) {
        return new RemediationMetrics(registry);
    }

    /**
     * The remediations topic in the read model the remediation API answers from: every replica's remediations with
     * all their events (within the read model's retention).
     */
    @Bean
    ReadModelTopics remediationReadModelTopics(RemediationProperties properties) {
        return new ReadModelTopics(Map.of(ReadModelTopics.Kind.REMEDIATIONS, properties.topics().remediations()));
    }

    /** Health component {@code kubernetesBreakers}: each cluster's breaker state; always UP. */
    @Bean
    BreakerStatesHealthIndicator kubernetesBreakersHealthIndicator(KubernetesResilience remediationResilience) {
        return new BreakerStatesHealthIndicator(remediationResilience::breakerStates);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService remediationScheduler() {
        return Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("remediation-", 0).daemon().factory());
    }

    @Bean
    KafkaLedger remediationLedger(KafkaClientSettings kafkaClientSettings, AcknowledgedSender acknowledgedSender,
            RemediationProperties properties, MeterRegistry registry) {
        return new KafkaLedger(kafkaClientSettings, acknowledgedSender, properties.topics().ledger(),
                properties.consumer().sendTimeout(), registry);
    }

    @Bean
    KafkaEventSink remediationEventSink(AcknowledgedSender acknowledgedSender, RemediationProperties properties) {
        return new KafkaEventSink(acknowledgedSender, properties.topics().remediations(),
                properties.consumer().sendTimeout());
    }

    @Bean(destroyMethod = "close")
    KubernetesResilience remediationResilience(ResilienceSettings remediationResilienceSettings,
            MeterRegistry registry) {
        return new KubernetesResilience(remediationResilienceSettings, registry);
    }

    /** Breaker, retry and time limit of the calls to each cluster and (the breaker) to each Azure subscription. */
    @Bean
    ResilienceSettings remediationResilienceSettings(RemediationProperties properties) {
        RemediationProperties.Resilience r = properties.resilience();
        return new ResilienceSettings(r.callTimeout(), r.maxAttempts(), r.initialBackoff(), r.maxBackoff(),
                r.failureRateThreshold(), r.slidingWindowSize(), r.minimumCalls(), r.openDuration());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "alertpilot.remediation.kubernetes.enabled", havingValue = "true")
    KubernetesClusters remediationClusters(RemediationProperties properties, KubernetesResilience remediationResilience) {
        RemediationProperties.Kubernetes k8s = properties.kubernetes();
        Map<String, RemediationProperties.Cluster> configured = new LinkedHashMap<>(k8s.clusters());
        if (configured.isEmpty()) {
            configured.put(k8s.defaultCluster(), new RemediationProperties.Cluster("", "", "", false));
        }
        Map<String, KubernetesClusters.Connection> connections = new LinkedHashMap<>();
        configured.forEach((name, cluster) -> {
            connections.put(name, new KubernetesClusters.Connection(cluster.masterUrl(), cluster.kubeconfig(),
                    cluster.context(), cluster.trustCerts()));
            remediationResilience.register(name);
        });
        return KubernetesClusters.connect(connections, k8s.defaultCluster(), k8s.requestTimeout(),
                k8s.connectTimeout());
    }

    /**
     * One bounded call to each cluster before the alert consumers start (no retry, 2 s): the first action after a
     * start does not pay for the client's first connection and JSON reading.
     */
    @Bean
    KubernetesWarmUp remediationKubernetesWarmUp(ObjectProvider<KubernetesClusters> remediationClusters) {
        return new KubernetesWarmUp(remediationClusters.getIfAvailable());
    }

    @Bean
    TargetLocks remediationTargetLocks(ObjectProvider<KubernetesClusters> remediationClusters,
            KubernetesResilience remediationResilience, RemediationProperties properties, Clock clock) {
        String remediationIdentity = identity(properties);
        KubernetesClusters clusters = remediationClusters.getIfAvailable();
        if (clusters == null) {
            return new LocalTargetLocks(clock, remediationIdentity);
        }
        String lockCluster = properties.lock().cluster();
        if (!lockCluster.isBlank() && !clusters.names().contains(lockCluster)) {
            throw new IllegalArgumentException("alertpilot.remediation.lock.cluster='" + lockCluster
                    + "' is not a configured cluster (alertpilot.remediation.kubernetes.clusters: " + clusters.names()
                    + ")");
        }
        return new LeaseTargetLocks(remediationResilience, clusters, lockCluster.isBlank()
                ? clusters.defaultCluster() : lockCluster, properties.lock().namespace(), remediationIdentity, clock);
    }

    @Bean
    Decider remediationDecider(ActionPlanner remediationPlanner, Guards remediationGuards,
            GuardDefaults remediationGuardDefaults, RemediationProperties properties, Clock clock) {
        return new Decider(remediationPlanner, remediationGuards, remediationGuardDefaults, properties.dryRun(),
                properties.approval().timeout(), clock, properties.knownClusters());
    }

    @Bean
    RemediationRun remediationRun(PlaybookLibrary remediationPlaybookLibrary, Decider remediationDecider,
            KafkaLedger remediationLedger, TargetLocks remediationTargetLocks,
            ObjectProvider<KubernetesClusters> remediationClusters, KubernetesResilience remediationResilience,
            ObjectProvider<AzureActionExecutor> remediationAzure,
            KafkaEventSink remediationEventSink, ReadModel readModel,
            RemediationMetrics remediationMetrics, ScheduledExecutorService remediationScheduler,
            MaintenanceWindows maintenanceWindows, RemediationProperties properties, DiagnoseProperties diagnose,
            FaultPointProperties faultPoint, Clock clock) {
        if (maintenanceWindows instanceof KafkaMaintenanceWindows kafka) {
            // read at start-up in the background, and read again should the reader fail
            kafka.keepRunning();
        }
        KubernetesClusters clusters = remediationClusters.getIfAvailable();
        KubernetesInspector inspector = clusters == null ? null : new KubernetesInspector(clusters, remediationResilience);
        Diagnostician diagnostician = clusters == null ? null
                : new Diagnostician(clusters, remediationResilience, diagnose.settings(), clock);
        KubernetesActionExecutor kubernetes = clusters == null ? null
                : new KubernetesActionExecutor(clusters, remediationResilience, diagnostician);
        return RemediationRun.of(new RemediationRun.Parts(remediationPlaybookLibrary, remediationDecider,
                remediationLedger, remediationTargetLocks, inspector,
                new ActionRouter(remediationAzure.getIfAvailable(),
                        new WebhookExecutor(kubernetes, properties.resilience().callTimeout())),
                new RemediationReporter(remediationEventSink, readModel::onRemediation, remediationMetrics, clock,
                        diagnostician == null ? PageDiagnosis.NONE
                                : new DiagnoseBeforePage(remediationPlaybookLibrary, diagnostician, clock)),
                remediationScheduler,
                properties.runSettings(),
                clock), maintenanceWindows, faultPoint.faultPoint());
    }

    /**
     * The STARTED and EXPIRED events of windows on their schedule, written once across replicas under the cluster-wide
     * lock; in dry run under an in-JVM lock (a dry run writes no Lease; the event ids make a repeat recognisable).
     */
    @Bean
    PeriodicTask remediationWindowTransitions(MaintenanceWindows maintenanceWindows, KafkaLedger remediationLedger,
            TargetLocks remediationTargetLocks, AcknowledgedSender acknowledgedSender,
            MaintenanceProperties maintenanceProperties, RemediationProperties properties, Clock clock) {
        TargetLocks locks = properties.dryRun() ? new LocalTargetLocks(clock, identity(properties))
                : remediationTargetLocks;
        WindowTransitions transitions = new WindowTransitions(maintenanceWindows, remediationLedger, locks,
                event -> acknowledgedSender.send(AcknowledgedSender.Outgoing.of(maintenanceProperties.eventsTopic(),
                        event.windowId(), event), maintenanceProperties.sendTimeout()), clock);
        return new PeriodicTask("maintenance-transitions", maintenanceProperties.transitionsInterval(),
                transitions::tick);
    }

    @Bean
    Remediator remediator(RemediationRun remediationRun) {
        return remediationRun.remediator();
    }

    @Bean
    Approvals remediationApprovals(RemediationRun remediationRun) {
        return remediationRun.approvals();
    }

    @Bean
    Ladders remediationLadders(RemediationRun remediationRun) {
        return remediationRun.ladders();
    }

    @Bean
    IntentRecovery remediationIntents(RemediationRun remediationRun) {
        return remediationRun.intents();
    }

    @Bean
    TargetGuards remediationTargetGuards(PlaybookLibrary remediationPlaybookLibrary, Decider remediationDecider,
            KafkaLedger remediationLedger, TargetLocks remediationTargetLocks, ReadModel readModel) {
        return new TargetGuards(remediationPlaybookLibrary, remediationDecider, remediationLedger,
                remediationTargetLocks, readModel);
    }

    @Bean
    Evaluator remediationEvaluator(RemediationRun remediationRun) {
        return remediationRun.evaluator();
    }
}

package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The work actions (scale-keda, run-job, drain, delete-pod) through {@link KubernetesActionExecutor} against fabric8's
 * mock API server in CRUD mode with the API server rules of {@link ApiServerRules} (eviction, delete preconditions):
 * each with its verification and its failure. One server for the class; each test in its own namespace or node.
 */
class WorkActionsIT {

    private static final ApiServerRules RULES = new ApiServerRules();
    private static KubernetesMockServer server;
    private static KubernetesClient client;
    private static KubernetesResilience resilience;
    private static KubernetesClusters clusters;
    private static KubernetesActionExecutor executor;

    @BeforeAll
    static void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), RULES, false);
        server.init();
        client = server.createClient();
        resilience = new KubernetesResilience(new ResilienceSettings(Duration.ofSeconds(5), 3, Duration.ofMillis(10),
                Duration.ofMillis(50), 50, 100, 100, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        // the service's own client settings (fabric8's retries off: a 429 reaches the action at once)
        clusters = KubernetesClusters.connect(Map.of("default", new KubernetesClusters.Connection(
                client.getMasterUrl().toString(), null, null, true)), "default", Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        executor = new KubernetesActionExecutor(clusters, resilience);
    }

    @AfterAll
    static void stop() {
        resilience.close();
        clusters.close();
        client.close();
        server.destroy();
    }

    private static ActionResult execute(ResolvedTarget target, Action action, String remediationId) {
        return executor.execute(target, action, new ExecutionContext(remediationId, "{}", null));
    }

    private static Verification verify(ResolvedTarget target, Action action, ActionResult result) {
        assertThat(result).isInstanceOf(ActionResult.Done.class);
        return executor.verify(target, action, (ActionResult.Done) result);
    }

    private static ResolvedTarget deployment(String namespace, String name) {
        return new ResolvedTarget("default", "Deployment", namespace, name);
    }

    // ---- scale-keda ----

    private static GenericKubernetesResource scaledObject(String namespace, String name, String scales, int min,
            int max) {
        GenericKubernetesResource so = new GenericKubernetesResourceBuilder().withApiVersion("keda.sh/v1alpha1")
                .withKind("ScaledObject").withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .addToAdditionalProperties("spec", Map.of("scaleTargetRef", Map.of("name", scales),
                        "minReplicaCount", min, "maxReplicaCount", max))
                .build();
        return client.genericKubernetesResources(KedaScaling.SCALED_OBJECTS).inNamespace(namespace).resource(so)
                .create();
    }

    @Test
    void scaleKedaSetsTheBoundsOfTheScaledObjectThatScalesTheTargetAndIsVerifiedBySpec() {
        scaledObject("keda", "other-so", "other", 1, 3);
        scaledObject("keda", "orders-so", "orders", 1, 5);
        ResolvedTarget target = deployment("keda", "orders");
        Action.ScaleKeda action = new Action.ScaleKeda(null, 3, 20);

        ActionResult result = execute(target, action, "r-keda");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.details()).containsEntry("scaledObject", "orders-so").containsEntry("previousMin", "1")
                    .containsEntry("min", "3").containsEntry("max", "20");
            assertThat(done.message()).contains("minReplicaCount 1 -> 3", "maxReplicaCount 5 -> 20");
        });
        GenericKubernetesResource after = client.genericKubernetesResources(KedaScaling.SCALED_OBJECTS)
                .inNamespace("keda").withName("orders-so").get();
        assertThat((Object) after.get("spec", "minReplicaCount")).isEqualTo(3);
        assertThat((Object) after.get("spec", "maxReplicaCount")).isEqualTo(20);
        assertThat((Object) client.genericKubernetesResources(KedaScaling.SCALED_OBJECTS).inNamespace("keda")
                .withName("other-so").get().get("spec", "maxReplicaCount")).as("another workload's ScaledObject")
                .isEqualTo(3);
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void scaleKedaByNameAndAPendingVerificationWhileTheSpecDiffers() {
        scaledObject("keda-named", "queue-worker", "worker", 0, 10);
        ResolvedTarget target = deployment("keda-named", "anything");
        Action.ScaleKeda action = new Action.ScaleKeda("queue-worker", null, 40);

        ActionResult result = execute(target, action, "r-keda-named");
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class);

        client.genericKubernetesResources(KedaScaling.SCALED_OBJECTS).inNamespace("keda-named")
                .withName("queue-worker").edit(so -> {
                    ((Map<String, Object>) so.getAdditionalProperties().get("spec")).put("maxReplicaCount", 10);
                    return so;
                });
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Pending.class);
    }

    @Test
    void scaleKedaWithoutAScaledObjectFailsNoScaledObject() {
        scaledObject("keda-none", "other-so", "other", 1, 3);

        ActionResult result = execute(deployment("keda-none", "orders"), new Action.ScaleKeda(null, 2, null),
                "r-keda-none");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("no-scaledobject");
            assertThat(failed.message()).contains("Deployment orders");
        });
    }

    // ---- run-job ----

    private static CronJob cronJob(String namespace, String name) {
        return client.batch().v1().cronjobs().inNamespace(namespace).resource(new CronJobBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withUid(UUID.randomUUID().toString())
                    .endMetadata()
                .withNewSpec().withSchedule("0 3 * * *")
                    .withNewJobTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().withBackoffLimit(1).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                            .addNewContainer().withName("backup").withImage("shop/backup:1").endContainer()
                        .endSpec().endTemplate().endSpec()
                    .endJobTemplate()
                .endSpec().build()).create();
    }

    private static List<Job> jobs(String namespace) {
        return client.batch().v1().jobs().inNamespace(namespace).list().getItems();
    }

    @Test
    void runJobCreatesOneJobFromTheCronJobOwnedByItAndARetryFindsIt() {
        CronJob backup = cronJob("jobs", "db-backup");
        ResolvedTarget target = new ResolvedTarget("default", "CronJob", "jobs", "db-backup");
        Action.RunJob action = new Action.RunJob("db-backup");

        ActionResult first = execute(target, action, "r-job-1");
        ActionResult retried = execute(target, action, "r-job-1");

        assertThat(jobs("jobs")).singleElement().satisfies(job -> {
            assertThat(job.getMetadata().getName()).isEqualTo(JobLauncher.jobName("db-backup", "r-job-1"))
                    .startsWith("db-backup-");
            assertThat(job.getMetadata().getAnnotations()).containsEntry("cronjob.kubernetes.io/instantiate",
                    "manual");
            assertThat(job.getMetadata().getLabels()).containsEntry("app", "db-backup");
            assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("CronJob");
                assertThat(owner.getName()).isEqualTo("db-backup");
                assertThat(owner.getUid()).isEqualTo(backup.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
            });
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                    .isEqualTo("shop/backup:1");
        });
        assertThat(((ActionResult.Done) retried).details()).isEqualTo(((ActionResult.Done) first).details());
        assertThat(((ActionResult.Done) retried).message()).contains("already created");

        execute(target, action, "r-job-2");
        assertThat(jobs("jobs")).as("another remediation starts its own Job").hasSize(2);
    }

    /** Creates the CronJob {@code scan} in the target's namespace and runs {@code action} (of it) there. */
    private static ActionResult runScan(ResolvedTarget target, Action.RunJob action) {
        cronJob(target.namespace(), "scan");
        return execute(target, action, "r-" + target.namespace());
    }

    /** What the Job controller writes. */
    private static void jobStatus(String namespace, String name, JobStatus status) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name).editStatus(j -> {
            j.setStatus(status);
            return j;
        });
    }

    @Test
    void runJobIsPendingUntilTheJobSucceeds() {
        ResolvedTarget target = new ResolvedTarget("default", "Deployment", "jobs-ok", "web");
        Action.RunJob action = new Action.RunJob("scan");
        ActionResult result = runScan(target, action);
        String name = ((ActionResult.Done) result).details().get("job");

        assertThat(verify(target, action, result)).isInstanceOf(Verification.Pending.class);
        jobStatus("jobs-ok", name, new JobStatusBuilder().withSucceeded(1)
                .addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build()).build());
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void runJobFailsJobFailedWhenTheJobFails() {
        ResolvedTarget target = new ResolvedTarget("default", "CronJob", "jobs-fail", "scan");
        Action.RunJob action = new Action.RunJob("scan");
        ActionResult result = runScan(target, action);
        String name = ((ActionResult.Done) result).details().get("job");

        jobStatus("jobs-fail", name, new JobStatusBuilder().withFailed(2)
                .addToConditions(new JobConditionBuilder().withType("Failed").withStatus("True")
                        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
                        .build()).build());

        assertThat(verify(target, action, result)).isInstanceOfSatisfying(Verification.Failed.class, failed -> {
            assertThat(failed.reason()).isEqualTo("job-failed");
            assertThat(failed.message()).contains("BackoffLimitExceeded");
        });
    }

    @Test
    void runJobOfACronJobThatDoesNotExistFails() {
        ActionResult result = execute(new ResolvedTarget("default", "CronJob", "jobs-none", "gone"),
                new Action.RunJob("gone"), "r-job-none");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo("http-404"));
        assertThat(jobs("jobs-none")).isEmpty();
    }

    // ---- drain ----

    private static void node(String name) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .endSpec().build()).create();
    }

    private static Pod pod(String namespace, String name, String node, String ownerKind,
            Map<String, String> annotations) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withUid(UUID.randomUUID().toString()).withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node).addNewContainer().withName("app").withImage("shop/app:1")
                .endContainer().endSpec();
        if (ownerKind != null) {
            pod.editMetadata().addNewOwnerReference().withKind(ownerKind).withName(name + "-owner")
                    .withApiVersion("apps/v1").withUid(UUID.randomUUID().toString()).withController(true)
                    .endOwnerReference().endMetadata();
        }
        return client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    /** The node {@code node} running the pods {@code namespace/name}, each of a ReplicaSet; the drain's target. */
    private static ResolvedTarget nodeRunning(String node, String... pods) {
        node(node);
        for (String pod : pods) {
            String[] parts = pod.split("/");
            pod(parts[0], parts[1], node, "ReplicaSet", Map.of());
        }
        return new ResolvedTarget("default", "Node", null, node);
    }

    private static List<String> podsOn(String node) {
        return client.pods().inAnyNamespace().list().getItems().stream()
                .filter(p -> node.equals(p.getSpec().getNodeName())).map(ApiServerRules::key).sorted().toList();
    }

    @Test
    void drainCordonsAndEvictsThePodsButLeavesDaemonSetMirrorAndBarePodsNamingTheBareOnes() {
        node("node-a");
        pod("drain", "web-1", "node-a", "ReplicaSet", Map.of());
        pod("drain", "worker-1", "node-a", null, Map.of());
        pod("drain", "log-agent", "node-a", "DaemonSet", Map.of());
        pod("kube-system", "etcd-node-a", "node-a", null, Map.of("kubernetes.io/config.mirror", "abc"));
        pod("drain", "web-2", "node-b", "ReplicaSet", Map.of());
        ResolvedTarget target = new ResolvedTarget("default", "Node", null, "node-a");
        Action.Drain action = new Action.Drain("node-a", Duration.ofSeconds(2));

        ActionResult result = execute(target, action, "r-drain");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.details()).containsEntry("evicted", "1").containsEntry("unmanaged", "drain/worker-1");
            assertThat(done.message()).contains("left alone", "no controller", "drain/worker-1");
        });
        assertThat(client.nodes().withName("node-a").get().getSpec().getUnschedulable()).isTrue();
        assertThat(podsOn("node-a")).containsExactly("drain/log-agent", "drain/worker-1", "kube-system/etcd-node-a");
        assertThat(podsOn("node-b")).containsExactly("drain/web-2");
        assertThat(RULES.removed).contains("drain/web-1").doesNotContain("drain/worker-1", "drain/log-agent",
                "kube-system/etcd-node-a");
        assertThat(verify(target, action, result)).isInstanceOfSatisfying(Verification.Verified.class,
                verified -> assertThat(verified.message()).contains("left alone", "drain/worker-1"));
    }

    @Test
    void drainGoesOnPastAnEvictionForbiddenInAnotherNamespaceAndFailsNamingThePodAtTheEnd() {
        ResolvedTarget target = nodeRunning("node-ns", "drain-other/api-1", "drain-mine/web-1");
        RULES.evictionForbidden.add("drain-other");
        Action.Drain action = new Action.Drain("node-ns", Duration.ofMillis(500));

        ActionResult result = execute(target, action, "r-drain-ns");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.details()).containsEntry("evicted", "1").containsEntry("blocked", "1");
            assertThat(done.message()).contains("forbids the eviction of drain-other/api-1", "http-403");
        });
        assertThat(RULES.removed).contains("drain-mine/web-1").doesNotContain("drain-other/api-1");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(verify(target, action, result))
                .isInstanceOfSatisfying(Verification.Failed.class, failed -> {
                    assertThat(failed.reason()).isEqualTo("eviction-forbidden");
                    assertThat(failed.message()).contains("drain-other/api-1", "http-403");
                }));
    }

    @Test
    void drainBlockedByADisruptionBudgetIsDoneAtOnceAndFailsPdbBlockedNamingThePodAfterTheTimeout() {
        ResolvedTarget target = nodeRunning("node-pdb", "drain-pdb/db-0", "drain-pdb/web-1");
        RULES.heldByBudget.add("drain-pdb/db-0");
        Action.Drain action = new Action.Drain("node-pdb", Duration.ofMillis(500));

        ActionResult result = execute(target, action, "r-drain-pdb");

        // one pass, no waiting: the refused eviction is remembered with the deadline, not waited for
        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.details()).containsEntry("evicted", "1").containsEntry("blocked", "1")
                    .containsKey(ActionResult.Done.DEADLINE);
            assertThat(done.message()).contains("drain-pdb/web-1").contains("drain-pdb/db-0");
        });
        assertThat(RULES.refused).filteredOn("drain-pdb/db-0"::equals).hasSize(1);
        // each look of the verifier tries the eviction again until the deadline, then fails naming the pod
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(verify(target, action, result)).isInstanceOfSatisfying(Verification.Failed.class,
                        failed -> {
                            assertThat(failed.reason()).isEqualTo("pdb-blocked");
                            assertThat(failed.message()).contains("drain-pdb/db-0").contains("nothing was forced");
                        }));
        assertThat(RULES.refused).as("the refused eviction is tried again within the timeout")
                .filteredOn("drain-pdb/db-0"::equals).hasSizeGreaterThan(1);
        assertThat(podsOn("node-pdb")).containsExactly("drain-pdb/db-0");
        assertThat(RULES.removed).doesNotContain("drain-pdb/db-0");
        assertThat(client.nodes().withName("node-pdb").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aPodABudgetRefusedIsEvictedByALaterLookOnceTheBudgetAllowsIt() {
        node("node-later");
        pod("drain-later", "db-0", "node-later", "StatefulSet", Map.of());
        RULES.heldByBudget.add("drain-later/db-0");
        ResolvedTarget target = new ResolvedTarget("default", "Node", null, "node-later");
        Action.Drain action = new Action.Drain("node-later", Duration.ofMinutes(2));

        ActionResult result = execute(target, action, "r-drain-later");

        assertThat(verify(target, action, result)).isInstanceOfSatisfying(Verification.Pending.class,
                pending -> assertThat(pending.message()).contains("drain-later/db-0"));
        assertThat(RULES.removed).doesNotContain("drain-later/db-0");
        RULES.heldByBudget.remove("drain-later/db-0");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class));
        assertThat(RULES.removed).contains("drain-later/db-0");
        assertThat(podsOn("node-later")).isEmpty();
    }

    @Test
    void drainOfANodeThatDoesNotExistFails() {
        ActionResult result = execute(new ResolvedTarget("default", "Node", null, "node-gone"),
                new Action.Drain("node-gone", Duration.ofSeconds(1)), "r-drain-gone");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo("http-404"));
    }

    // ---- delete-pod ----

    @Test
    void deletePodDeletesThePodItRead() {
        Pod pod = pod("del", "web-1", "node-x", "ReplicaSet", Map.of());
        ResolvedTarget target = new ResolvedTarget("default", "Pod", "del", "web-1");
        Action.DeletePod action = new Action.DeletePod("web-1");

        ActionResult result = execute(target, action, "r-del");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.details()).containsEntry("uid", pod.getMetadata().getUid()));
        assertThat(client.pods().inNamespace("del").withName("web-1").get()).isNull();
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class);
    }

    @Test
    void aRetriedDeleteNeverDeletesTheReplacementPod() {
        Pod original = pod("del-retry", "db-0", "node-x", "StatefulSet", Map.of());
        RULES.replacedOnDelete.add("del-retry/db-0");
        ResolvedTarget target = new ResolvedTarget("default", "Pod", "del-retry", "db-0");
        Action.DeletePod action = new Action.DeletePod("db-0");

        ActionResult result = execute(target, action, "r-del-retry");

        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class, done -> {
            assertThat(done.details()).containsEntry("uid", original.getMetadata().getUid());
            assertThat(done.message()).contains("already gone");
        });
        Pod replacement = client.pods().inNamespace("del-retry").withName("db-0").get();
        assertThat(replacement).as("the StatefulSet's new db-0 is still there").isNotNull();
        assertThat(replacement.getMetadata().getUid()).isNotEqualTo(original.getMetadata().getUid());
        assertThat(RULES.removed).filteredOn("del-retry/db-0"::equals).hasSize(1);
        assertThat(verify(target, action, result)).isInstanceOf(Verification.Verified.class);
    }
}

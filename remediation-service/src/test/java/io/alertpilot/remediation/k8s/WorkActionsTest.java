package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.remediation.action.ResolvedTarget;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the work actions: Job names, the Job built from a CronJob, which pods a drain evicts. */
class WorkActionsTest {

    @Test
    void aJobNameIsStablePerRemediationAndCronJobAndAValidLabelValue() {
        assertThat(JobLauncher.jobName("backup", "r-1")).isEqualTo(JobLauncher.jobName("backup", "r-1"))
                .isNotEqualTo(JobLauncher.jobName("backup", "r-2")).matches("backup-[0-9a-f]{10}");
        String longName = "a".repeat(51) + "-b";
        assertThat(JobLauncher.jobName(longName, "r-1")).hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }

    @Test
    void theJobCarriesTheTemplateTheManualAnnotationAndTheControllerReference() {
        Job job = JobLauncher.job(new CronJobBuilder().withNewMetadata().withName("scan").withNamespace("sec")
                .withUid("u-1").endMetadata().withNewSpec().withNewJobTemplate().withNewMetadata()
                .addToAnnotations("team", "sec").endMetadata().withNewSpec().withParallelism(2).endSpec()
                .endJobTemplate().endSpec().build(), "scan-0123456789");

        assertThat(job.getMetadata().getNamespace()).isEqualTo("sec");
        assertThat(job.getMetadata().getAnnotations()).containsEntry("team", "sec")
                .containsEntry("cronjob.kubernetes.io/instantiate", "manual");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(o -> assertThat(o.getUid()).isEqualTo("u-1"));
        assertThat(job.getSpec().getParallelism()).isEqualTo(2);
    }

    private static Pod pod(String ownerKind, Map<String, String> annotations) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").withAnnotations(annotations).endMetadata();
        if (ownerKind != null) {
            pod.editMetadata().addNewOwnerReference().withKind(ownerKind).withName("o").withController(true)
                    .endOwnerReference().endMetadata();
        }
        return pod.build();
    }

    @Test
    void aDrainLeavesDaemonSetAndMirrorPods() {
        assertThat(NodeDrain.daemonSetPod(pod("DaemonSet", Map.of()))).isTrue();
        assertThat(NodeDrain.daemonSetPod(pod("ReplicaSet", Map.of()))).isFalse();
        assertThat(NodeDrain.mirror(pod(null, Map.of("kubernetes.io/config.mirror", "x")))).isTrue();
        assertThat(NodeDrain.mirror(pod(null, Map.of()))).isFalse();
        assertThat(NodeDrain.controlled(pod("ReplicaSet", Map.of()))).isTrue();
        assertThat(NodeDrain.controlled(pod(null, Map.of()))).as("a bare pod: left alone").isFalse();
    }

    @Test
    void aScaledObjectScalesTheWorkloadItsScaleTargetRefNames() {
        ResolvedTarget orders = new ResolvedTarget("default", "Deployment", "shop", "orders");
        assertThat(KedaScaling.scales(scaledObject(Map.of("name", "orders")), orders)).isTrue();
        assertThat(KedaScaling.scales(scaledObject(Map.of("name", "orders", "kind", "StatefulSet")), orders)).isFalse();
        assertThat(KedaScaling.scales(scaledObject(Map.of("name", "other")), orders)).isFalse();
    }

    private static io.fabric8.kubernetes.api.model.GenericKubernetesResource scaledObject(Map<String, String> ref) {
        return new GenericKubernetesResourceBuilder().withNewMetadata().withName("so").endMetadata()
                .addToAdditionalProperties("spec", Map.of("scaleTargetRef", ref)).build();
    }
}

package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code run-job} action: creates a Job from a CronJob's {@code spec.jobTemplate}, as
 * {@code kubectl create job --from=cronjob/<name>} does (controller owner reference to the CronJob, annotation
 * {@code cronjob.kubernetes.io/instantiate: manual}). The Job's name is derived from the remediation id, so a retried
 * call finds the Job it created instead of starting a second one (idempotent). Verified when the Job succeeded;
 * failed ({@code job-failed}) on its Failed condition. Every call through {@link KubernetesResilience}. Thread safe.
 */
final class JobLauncher {

    static final String INSTANTIATE = "cronjob.kubernetes.io/instantiate";
    /** CronJob names are at most 52 characters; with the suffix, a Job name stays within 63 (a label value). */
    private static final int NAME_PREFIX = 52;

    private final KubernetesResilience resilience;

    JobLauncher(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    /** The name of the Job {@code remediationId} starts from {@code cronJob}: {@code <cronJob>-<10 hex digits>}. */
    static String jobName(String cronJob, String remediationId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((remediationId + "/" + cronJob).getBytes(StandardCharsets.UTF_8));
            String prefix = cronJob.length() > NAME_PREFIX ? cronJob.substring(0, NAME_PREFIX) : cronJob;
            return prefix.replaceAll("[-.]+$", "") + "-" + HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ActionResult run(String cluster, KubernetesClient client, ResolvedTarget target, Action.RunJob action,
            String remediationId) {
        String namespace = target.namespace();
        CronJob cronJob = resilience.call(cluster, () -> client.batch().v1().cronjobs().inNamespace(namespace)
                .withName(action.cronJob()).get());
        if (cronJob == null) {
            return new ActionResult.Failed("http-404", "CronJob " + namespace + "/" + action.cronJob()
                    + " does not exist");
        }
        String name = jobName(action.cronJob(), remediationId);
        Map<String, String> details = Map.of("job", name, "cronJob", action.cronJob());
        Job existing = job(cluster, client, namespace, name);
        if (existing != null) {
            return new ActionResult.Done("Job " + namespace + "/" + name + " was already created from CronJob "
                    + action.cronJob(), details);
        }
        Job job = job(cronJob, name);
        try {
            resilience.call(cluster, () -> client.batch().v1().jobs().inNamespace(namespace).resource(job).create());
        } catch (ClusterCallException e) {
            // a create whose answer was lost and was retried finds its own Job (409 AlreadyExists)
            if (!e.reason().equals("http-409") || job(cluster, client, namespace, name) == null) {
                throw e;
            }
        }
        return new ActionResult.Done("created Job " + namespace + "/" + name + " from CronJob " + action.cronJob(),
                details);
    }

    /** The Job {@code kubectl create job --from=cronjob/...} would make, named {@code name}. */
    static Job job(CronJob cronJob, String name) {
        JobTemplateSpec template = cronJob.getSpec().getJobTemplate();
        Map<String, String> annotations = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata() != null) {
            annotations.putAll(Objects.requireNonNullElse(template.getMetadata().getAnnotations(), Map.of()));
            labels.putAll(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        }
        annotations.put(INSTANTIATE, "manual");
        return new JobBuilder()
                .withNewMetadata().withName(name).withNamespace(cronJob.getMetadata().getNamespace())
                    .withAnnotations(annotations).withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
                            .withName(cronJob.getMetadata().getName()).withUid(cronJob.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
    }

    /** Verified when the Job succeeded; failed ({@code job-failed}) on its Failed condition; pending otherwise. */
    Verification verify(String cluster, KubernetesClient client, ResolvedTarget target, ActionResult.Done done) {
        String name = done.details().get("job");
        Job job = job(cluster, client, target.namespace(), name);
        if (job == null) {
            return new Verification.Failed("job-failed", "Job " + target.namespace() + "/" + name + " is gone");
        }
        List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                ? List.of() : job.getStatus().getConditions();
        Optional<JobCondition> failed = condition(conditions, "Failed");
        if (failed.isPresent()) {
            return new Verification.Failed("job-failed", "Job " + name + " failed: "
                    + Objects.requireNonNullElse(failed.get().getReason(), "") + " "
                    + Objects.requireNonNullElse(failed.get().getMessage(), ""));
        }
        int succeeded = job.getStatus() == null || job.getStatus().getSucceeded() == null ? 0
                : job.getStatus().getSucceeded();
        if (succeeded >= 1 || condition(conditions, "Complete").isPresent()) {
            return new Verification.Verified("Job " + name + " succeeded");
        }
        int active = job.getStatus() == null || job.getStatus().getActive() == null ? 0 : job.getStatus().getActive();
        return new Verification.Pending("Job " + name + " has not finished (" + active + " active)");
    }

    private static Optional<JobCondition> condition(List<JobCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private Job job(String cluster, KubernetesClient client, String namespace, String name) {
        return resilience.call(cluster, () -> client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }
}

package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code delete-pod} action: reads the pod, then deletes it with {@code Preconditions{uid}} of what it read, so a
 * retried delete (after a timeout whose first attempt went through) never deletes the pod's replacement: the API
 * server answers 409 and the replacement stays. A 409 or 404 on the delete means the pod read is gone already: done.
 * fabric8 offers only a resourceVersion precondition, so the delete goes as a raw request with its DeleteOptions.
 * Every call through {@link KubernetesResilience}. Thread safe.
 */
final class PodDeletion {

    private final KubernetesResilience resilience;

    PodDeletion(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    ActionResult delete(String cluster, KubernetesClient client, ResolvedTarget target, String podName) {
        String namespace = target.namespace();
        Pod pod = resilience.call(cluster, () -> client.pods().inNamespace(namespace).withName(podName).get());
        if (pod == null) {
            return new ActionResult.Failed("http-404", "pod " + namespace + "/" + podName + " does not exist");
        }
        String uid = String.valueOf(pod.getMetadata().getUid());
        Map<String, String> details = Map.of("pod", podName, "uid", uid);
        String path = "/api/v1/namespaces/" + namespace + "/pods/" + podName;
        try {
            resilience.call(cluster, () -> client.raw(path, "DELETE", new DeleteOptionsBuilder()
                    .withApiVersion("v1").withKind("DeleteOptions")
                    .withNewPreconditions().withUid(uid).endPreconditions().build()));
        } catch (ClusterCallException e) {
            if (e.reason().equals("http-409") || e.reason().equals("http-404")) {
                return new ActionResult.Done("pod " + namespace + "/" + podName + " (uid " + uid
                        + ") was already gone; nothing deleted", details);
            }
            throw e;
        }
        return new ActionResult.Done("deleted pod " + namespace + "/" + podName, details);
    }

    /** Verified when the pod deleted is gone or replaced (another uid). */
    Verification verify(String cluster, KubernetesClient client, ResolvedTarget target, String podName,
            ActionResult.Done done) {
        Pod pod = resilience.call(cluster, () -> client.pods().inNamespace(target.namespace()).withName(podName).get());
        return pod == null || !Objects.equals(pod.getMetadata().getUid(), done.details().get("uid"))
                ? new Verification.Verified("pod " + podName + " was replaced")
                : new Verification.Pending("pod " + podName + " is still there");
    }
}

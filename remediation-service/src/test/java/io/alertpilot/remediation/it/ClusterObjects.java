package io.alertpilot.remediation.it;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** Kubernetes objects the integration tests create on fabric8's mock API server. */
final class ClusterObjects {

    private ClusterObjects() {
    }

    /** Creates a Deployment at revision 2 whose rollout is complete, with {@code ready} of its replicas ready. */
    static Deployment deployment(KubernetesClient client, String namespace, String name, int replicas, int ready) {
        Deployment d = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                    .addToAnnotations("deployment.kubernetes.io/revision", "2").endMetadata()
                .withNewSpec().withReplicas(replicas)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name + ":2").endContainer()
                        .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready)
                    .withAvailableReplicas(ready).endStatus()
                .build();
        return client.apps().deployments().inNamespace(namespace).resource(d).create();
    }
}

package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alertpilot.remediation.RemediationProperties;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Further clusters from remediation.clusters: each kubeconfig Secret is mounted read-only and the remediation service,
 * binding what the chart renders, connects to the cluster it runs in and to each listed one. Webhook tokens from
 * remediation.webhookTokens are mounted the same way.
 */
class RemediationClustersChartTest {

    private static final Map<String, Object> TWO_MORE = Map.of(
            "remediation.clusterName", "aks-weu",
            "remediation.clusters[0].name", "eu-2",
            "remediation.clusters[0].secretName", "kubeconfig-eu-2",
            "remediation.clusters[1].name", "us-1",
            "remediation.clusters[1].secretName", "kubeconfigs",
            "remediation.clusters[1].key", "us-1.yaml",
            "remediation.clusters[1].context", "admin@us-1");

    @Test
    void eachFurtherClustersKubeconfigIsMountedReadOnlyFromItsSecret() {
        Deployment remediation = Chart.render(TWO_MORE).deployment("remediation");

        for (String[] cluster : new String[][] {{"eu-2", "kubeconfig-eu-2", "kubeconfig"},
                {"us-1", "kubeconfigs", "us-1.yaml"}}) {
            Volume volume = volume(remediation, "cluster-" + cluster[0]);
            assertThat(volume.getSecret().getSecretName()).isEqualTo(cluster[1]);
            assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
            assertThat(volume.getSecret().getItems()).extracting(KeyToPath::getKey, KeyToPath::getPath)
                    .containsExactly(tuple(cluster[2], "kubeconfig"));
            VolumeMount mount = Manifests.container(remediation).getVolumeMounts().stream()
                    .filter(m -> m.getName().equals(volume.getName())).findFirst().orElseThrow();
            assertThat(mount.getMountPath()).isEqualTo("/etc/alertpilot/clusters/" + cluster[0]);
            assertThat(mount.getReadOnly()).isTrue();
        }
        assertThat(Chart.render(TWO_MORE).deployment("notifier").getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getName().startsWith("cluster-"));
    }

    @Test
    void aWebhookTokenIsMountedReadOnlyWhereAPlaybooksTokenFileNamesIt() {
        Deployment remediation = Chart.render(Map.of("remediation.webhookTokens[0].name", "runbooks",
                "remediation.webhookTokens[0].secretName", "runbook-token")).deployment("remediation");

        Volume volume = volume(remediation, "webhook-token-runbooks");
        assertThat(volume.getSecret().getSecretName()).isEqualTo("runbook-token");
        assertThat(volume.getSecret().getDefaultMode()).isEqualTo(0400);
        assertThat(volume.getSecret().getItems()).extracting(KeyToPath::getKey, KeyToPath::getPath)
                .containsExactly(tuple("token", "token"));
        assertThat(Manifests.container(remediation).getVolumeMounts())
                .filteredOn(m -> m.getName().equals(volume.getName())).singleElement()
                .satisfies(mount -> {
                    assertThat(mount.getMountPath() + "/token").isEqualTo("/etc/alertpilot/webhook-tokens/runbooks/token");
                    assertThat(mount.getReadOnly()).isTrue();
                });
    }

    @Test
    void theServiceConnectsToItsOwnClusterAndEachListedOneThroughItsMountedKubeconfig() {
        Manifests manifests = Chart.render(TWO_MORE);

        RemediationProperties.Kubernetes kubernetes = bind(manifests).kubernetes();

        assertThat(kubernetes.enabled()).isTrue();
        assertThat(kubernetes.defaultCluster()).isEqualTo("aks-weu");
        assertThat(kubernetes.clusterNames()).containsExactlyInAnyOrder("aks-weu", "eu-2", "us-1");
        assertThat(kubernetes.clusters().get("aks-weu"))
                .isEqualTo(new RemediationProperties.Cluster("", "", "", false));
        assertThat(kubernetes.clusters().get("eu-2")).isEqualTo(
                new RemediationProperties.Cluster("", "/etc/alertpilot/clusters/eu-2/kubeconfig", "", false));
        assertThat(kubernetes.clusters().get("us-1")).isEqualTo(
                new RemediationProperties.Cluster("", "/etc/alertpilot/clusters/us-1/kubeconfig", "admin@us-1", false));
    }

    @Test
    void withoutFurtherClustersTheServiceActsInItsOwnClusterOnly() {
        Manifests manifests = Chart.render();

        RemediationProperties.Kubernetes kubernetes = bind(manifests).kubernetes();

        assertThat(kubernetes.clusters()).isEmpty();
        assertThat(kubernetes.clusterNames()).containsExactly("default");
        assertThat(manifests.deployment("remediation").getSpec().getTemplate().getSpec().getVolumes())
                .noneMatch(v -> v.getName().startsWith("cluster-"));
    }

    @Test
    void aListedClusterThatIsTheOwnClusterOrListedTwiceOrHasNoSecretIsRefused() {
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.clusters[0].name", "default",
                "remediation.clusters[0].secretName", "kubeconfig")))
                .hasMessageContaining("default is remediation.clusterName");
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.clusters[0].name", "eu-2",
                "remediation.clusters[0].secretName", "a", "remediation.clusters[1].name", "eu-2",
                "remediation.clusters[1].secretName", "b")))
                .hasMessageContaining("eu-2 is listed twice");
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.clusters[0].name", "eu-2")))
                .hasMessageContaining("secretName");
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.clusters[0].name", "EU_2",
                "remediation.clusters[0].secretName", "a")))
                .hasMessageContaining("/remediation/clusters/0/name");
    }

    private static Volume volume(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(name)).findFirst().orElseThrow();
    }

    /** The remediation service's settings from the rendered application.yaml and the container's environment. */
    private static RemediationProperties bind(Manifests manifests) {
        String yaml = manifests.configMap("remediation-config").getData().get("application.yaml");
        List<PropertySource<?>> sources = new ArrayList<>();
        Map<String, Object> env = new HashMap<>();
        Manifests.env(manifests.deployment("remediation")).forEach((name, value) -> {
            if (name.startsWith("ALERTPILOT_REMEDIATION_") && value != null) {
                env.put(name, value);
            }
        });
        sources.add(new SystemEnvironmentPropertySource("environment", env));
        try {
            sources.addAll(new YamlPropertySourceLoader().load("application.yaml",
                    new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(ConfigurationPropertySources.from(sources))
                .bindOrCreate("alertpilot.remediation", RemediationProperties.class);
    }
}

package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remediation service's Azure credentials as the chart renders them from {@code remediation.azure}. */
class AzureChartTest {

    @Test
    void azureIsOffByDefaultAndTheServiceAccountCarriesNoIdentity() {
        Manifests manifests = Chart.render();
        assertThat(Manifests.env(manifests.deployment("remediation"))).doesNotContainKey(
                "ALERTPILOT_REMEDIATION_AZURE_ENABLED");
        assertThat(serviceAccount(manifests).getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void workloadIdentityAnnotatesTheRemediationServiceAccountAndLabelsItsPods() {
        Manifests manifests = Chart.render(Map.of("remediation.azure.enabled", true,
                "remediation.azure.clientId", "11111111-2222-3333-4444-555555555555"));
        Deployment remediation = manifests.deployment("remediation");

        assertThat(serviceAccount(manifests).getMetadata().getAnnotations()).containsEntry(
                "azure.workload.identity/client-id", "11111111-2222-3333-4444-555555555555");
        assertThat(remediation.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("azure.workload.identity/use", "true");
        assertThat(manifests.deployment("notifier").getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKey("azure.workload.identity/use");
        assertThat(Manifests.env(remediation)).containsEntry("ALERTPILOT_REMEDIATION_AZURE_ENABLED", "true")
                .containsEntry("ALERTPILOT_REMEDIATION_AZURE_CREDENTIAL", "workload-identity")
                .doesNotContainKey("ALERTPILOT_REMEDIATION_AZURE_CLIENT_SECRET_FILE");
    }

    @Test
    void aClientSecretIsMountedFromTheGivenSecretAndNeverPutInTheEnvironment() {
        Manifests manifests = Chart.render(Map.of("remediation.azure.enabled", true,
                "remediation.azure.credential", "client-secret", "remediation.azure.tenantId", "tenant-1",
                "remediation.azure.clientId", "client-1", "remediation.azure.clientSecret.existingSecret", "sp-secret"));
        Deployment remediation = manifests.deployment("remediation");

        assertThat(Manifests.env(remediation)).containsEntry("ALERTPILOT_REMEDIATION_AZURE_CLIENT_SECRET_FILE",
                "/etc/alertpilot/azure/client-secret").containsEntry("ALERTPILOT_REMEDIATION_AZURE_TENANT_ID", "tenant-1");
        Volume volume = remediation.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("azure-client-secret")).findFirst().orElseThrow();
        assertThat(volume.getSecret().getSecretName()).isEqualTo("sp-secret");
        assertThat(Manifests.container(remediation).getVolumeMounts()).anyMatch(m ->
                m.getName().equals("azure-client-secret") && m.getMountPath().equals("/etc/alertpilot/azure")
                        && Boolean.TRUE.equals(m.getReadOnly()));
        assertThat(remediation.getSpec().getTemplate().getMetadata().getLabels())
                .doesNotContainKey("azure.workload.identity/use");
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.azure.enabled", true,
                "remediation.azure.credential", "client-secret")))
                .hasMessageContaining("remediation.azure.credential=client-secret needs");
    }

    private static ServiceAccount serviceAccount(Manifests manifests) {
        return manifests.all(ServiceAccount.class).stream()
                .filter(a -> a.getMetadata().getName().equals(Chart.RELEASE + "-remediation")).findFirst().orElseThrow();
    }
}

package io.alertpilot.cli.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rehearsal runs scale-keda, run-job and drain on the simulated cluster, and holds a scale to zero for approval. */
class WorkActionsRehearsalTest {

    @TempDir
    Path dir;

    @Test
    void rehearsesScaleKedaRunJobAndDrainToVerified() throws IOException {
        Path file = dir.resolve("work.yml");
        Files.writeString(file, """
                playbooks:
                  - name: queue-backlog
                    match: { alertname: QueueBacklog }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - scale-keda: { min: 3, max: 40 }
                      - run-job: { cronJob: queue-reaper }
                  - name: drain-node
                    match: { alertname: KubeNodeDiskPressure }
                    target: { kind: Node, name: "{{ labels.node }}" }
                    actions: [ drain ]
                  - name: contain
                    match: { alertname: SuspiciousOutboundTraffic }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - scale: { to: 0, max: 5, allowZero: true }
                """);
        Rehearsal rehearsal = Rehearsal.builder().start(Alerts.T0).playbooks(List.of(file))
                .cluster(new SimulatedCluster(List.of(SimulatedObject.workload("Deployment", "shop", "orders", 3))))
                .build();
        Map<String, String> orders = Map.of("namespace", "shop", "deployment", "orders");

        rehearsal.alert(Alerts.T0, Alerts.firing("QueueBacklog", orders).severity(Severity.HIGH)
                .receivedAt(Alerts.T0).build());
        rehearsal.alert(Alerts.T0, Alerts.firing("KubeNodeDiskPressure", Map.of("node", "aks-pool-1"))
                .severity(Severity.HIGH).receivedAt(Alerts.T0).build());
        rehearsal.alert(Alerts.T0, Alerts.firing("SuspiciousOutboundTraffic", Map.of("namespace", "shop",
                        "deployment", "payments")).severity(Severity.CRITICAL)
                .receivedAt(Alerts.T0).build());
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisions()).extracting(s -> s.event().action(), s -> s.event().phase())
                .contains(tuple("scale-keda", RemediationPhase.VERIFIED), tuple("run-job", RemediationPhase.VERIFIED),
                        tuple("drain", RemediationPhase.VERIFIED))
                .doesNotContain(tuple("scale", RemediationPhase.STARTED));
        assertThat(result.decisions()).filteredOn(s -> "contain".equals(s.event().playbook()))
                .extracting(s -> s.event().phase()).contains(RemediationPhase.PENDING_APPROVAL);
    }
}

package io.alertpilot.cli.rehearse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearsalTest {

    private static final Instant T0 = Alerts.T0;
    private static final String ROLLBACK_WITH_APPROVAL = """
            playbooks:
              - name: rollback-bad-release
                match: { alertname: HighErrorRate }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions:
                  - rollback: {}
                approval: { required: true, timeout: 15m }
            """;
    private static final Map<String, String> CHECKOUT = Map.of("namespace", "shop", "deployment", "checkout-api");

    @TempDir
    Path dir;

    @Test
    void restartsACrashLoopingDeploymentOnceThenHoldsItBackForCooldown() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks("""
                playbooks:
                  - name: restart-crashlooping-pods
                    match: { alertname: KubePodCrashLooping, status: FIRING }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                    guard: { cooldown: 15m }
                """)))
                .cluster(new SimulatedCluster(List.of(SimulatedObject.workload("Deployment", "shop", "checkout-api", 3))))
                .build();

        for (int cycle = 0; cycle < 5; cycle++) {
            Instant firing = T0.plus(Duration.ofMinutes(2L * cycle));
            rehearsal.alert(firing, crashLooping(firing, true));
            rehearsal.alert(firing.plusSeconds(60), crashLooping(firing.plusSeconds(60), false));
        }
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisive()).extracting(s -> s.event().phase(), s -> s.event().reason())
                .containsExactly(
                        tuple(RemediationPhase.STARTED, null),
                        tuple(RemediationPhase.SKIPPED, "cooldown"),
                        tuple(RemediationPhase.SKIPPED, "cooldown"),
                        tuple(RemediationPhase.SKIPPED, "cooldown"),
                        tuple(RemediationPhase.SKIPPED, "cooldown"));
        assertThat(result.decisive().getFirst().at()).isEqualTo(T0);
        assertThat(result.decisions()).extracting(s -> s.event().phase())
                .contains(RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
    }

    @Test
    void anEscalatePlaybookPagesAsThePolicySays() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks("""
                playbooks:
                  - name: page-on-disk-full
                    match: { alertname: DiskFull }
                    actions:
                      - escalate: {}
                """))).build();

        rehearsal.alert(T0, Alerts.firing("DiskFull", Map.of("instance", "db-1")).severity(Severity.CRITICAL)
                .receivedAt(T0).build());
        RehearsalResult result = rehearsal.finish(T0.plus(Duration.ofMinutes(10)));

        assertThat(result.decisive()).extracting(s -> s.event().phase(), s -> s.event().reason())
                .containsExactly(tuple(RemediationPhase.SKIPPED, "escalate"));
        // the shipped "critical" policy: primary at once, secondary after 5 minutes
        assertThat(result.pages()).extracting(RehearsalResult.Page::at, RehearsalResult.Page::to,
                        RehearsalResult.Page::kind)
                .containsExactly(
                        tuple(T0, "pagerduty:primary", "trigger"),
                        tuple(T0.plus(Duration.ofMinutes(5)), "pagerduty:secondary",
                                "trigger"));
    }

    @Test
    void aWebhookPlaybookWithoutATargetIsRehearsedWithoutCallingIt() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks("""
                playbooks:
                  - name: freeze-deploys
                    match: { alertname: DatabaseDown }
                    actions:
                      - webhook: { url: "https://deploy.example/freeze" }
                """))).build();

        rehearsal.alert(T0, Alerts.firing("DatabaseDown", Map.of("instance", "db-1")).receivedAt(T0).build());
        RehearsalResult result = rehearsal.finish(T0.plus(Duration.ofMinutes(1)));

        assertThat(result.decisions()).extracting(s -> s.event().phase())
                .containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED, RemediationPhase.SUCCEEDED,
                        RemediationPhase.VERIFIED);
        assertThat(result.decisions().get(2).event().message()).contains("not called in a rehearsal");
    }

    @Test
    void anApprovalNobodyGivesTimesOutAndEscalates() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks(ROLLBACK_WITH_APPROVAL))).build();

        rehearsal.alert(T0, Alerts.firing("HighErrorRate", CHECKOUT).severity(Severity.HIGH).receivedAt(T0).build());
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisive()).extracting(s -> s.at(), s -> s.event().phase(), s -> s.event().reason())
                .containsExactly(
                        tuple(T0, RemediationPhase.PENDING_APPROVAL, "approval"),
                        tuple(T0.plus(Duration.ofMinutes(15)), RemediationPhase.SKIPPED,
                                "approval-timeout"));
        // the shipped "high" policy: the approver (its first step) at once; the alert waits for the answer until the
        // approval's deadline (15m, later than the notifier's 10m remediation grace), then its second step 30m later
        assertThat(result.pages()).extracting(RehearsalResult.Page::at, RehearsalResult.Page::to)
                .containsExactly(tuple(T0, "slack:alerts"),
                        tuple(T0.plus(Duration.ofMinutes(15)), "slack:alerts"),
                        tuple(T0.plus(Duration.ofMinutes(45)), "slack:incidents"));
    }

    @Test
    void anApprovedRemediationRunsWhenApproved() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks(ROLLBACK_WITH_APPROVAL))).build();

        rehearsal.alert(T0, Alerts.firing("HighErrorRate", CHECKOUT).severity(Severity.HIGH).receivedAt(T0).build());
        assertThat(rehearsal.approve(T0.plus(Duration.ofMinutes(3)), "rollback-bad-release", "alice")).isPresent();
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisive()).extracting(s -> s.at(), s -> s.event().phase())
                .containsExactly(
                        tuple(T0, RemediationPhase.PENDING_APPROVAL),
                        tuple(T0.plus(Duration.ofMinutes(3)), RemediationPhase.STARTED));
    }

    @Test
    void aDiagnosisIsRehearsedFromTheSimulatedObjectsAndVerified() throws IOException {
        SimulatedObject checkout = new SimulatedObject("Deployment", "shop", "checkout-api", 3, 1, false, null, null,
                false, null, false, null);
        Rehearsal rehearsal = Rehearsal.builder().start(T0).cluster(new SimulatedCluster(List.of(checkout)))
                .playbooks(List.of(playbooks("""
                        playbooks:
                          - name: diagnose-crashlooping-pods
                            match: { alertname: KubePodCrashLooping }
                            target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                            actions:
                              - diagnose: { logLines: 20 }
                              - escalate
                        """))).build();

        rehearsal.alert(T0, crashLooping(T0, true));
        RehearsalResult result = rehearsal.finish();

        var succeeded = result.decisions().stream().map(s -> s.event())
                .filter(e -> e.phase() == RemediationPhase.SUCCEEDED).findFirst().orElseThrow();
        assertThat(succeeded.action()).isEqualTo("diagnose");
        assertThat(succeeded.diagnosis().pods()).hasSize(3).filteredOn(p -> !p.ready()).hasSize(2)
                .allSatisfy(p -> assertThat(p.reason()).isEqualTo("CrashLoopBackOff"));
        assertThat(result.decisions()).extracting(s -> s.event().phase())
                .contains(RemediationPhase.VERIFIED, RemediationPhase.SKIPPED);
    }

    @Test
    void aDryRunPlansAndChangesNothing() throws IOException {
        SimulatedCluster cluster = new SimulatedCluster(List.of(
                SimulatedObject.workload("Deployment", "shop", "worker", 2)));
        Rehearsal rehearsal = Rehearsal.builder().start(T0).settings(RehearsalSettings.of(Map.of("dry-run", "true")))
                .cluster(cluster).playbooks(List.of(playbooks("""
                        playbooks:
                          - name: scale-out
                            match: { alertname: QueueDepthHigh }
                            target: { kind: Deployment, namespace: shop, name: worker }
                            actions:
                              - scale: { by: 2, min: 1, max: 12 }
                        """))).build();

        rehearsal.alert(T0, Alerts.firing("QueueDepthHigh", CHECKOUT).receivedAt(T0).build());
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisive()).extracting(s -> s.event().phase(), s -> s.event().dryRun())
                .containsExactly(tuple(RemediationPhase.PLANNED, true));
        assertThat(cluster.object("Deployment", "shop", "worker").replicas()).isEqualTo(2);
    }

    @Test
    void patchHpaAndIsolateAreRehearsedAndTheirWaysBackTakenWhenTheAlertResolves() throws IOException {
        Rehearsal rehearsal = Rehearsal.builder().start(T0).playbooks(List.of(playbooks("""
                playbooks:
                  - name: contain-checkout
                    match: { alertname: Compromised }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions:
                      - patch-hpa: { min: 4, max: 12, revertOnRecovery: true }
                      - isolate: { removeOnRecovery: true }
                """))).build();

        rehearsal.alert(T0, Alerts.firing("Compromised", CHECKOUT).severity(Severity.CRITICAL).receivedAt(T0).build());
        Instant resolved = T0.plus(Duration.ofMinutes(20));
        rehearsal.alert(resolved, Alerts.resolved("Compromised", CHECKOUT).severity(Severity.CRITICAL)
                .receivedAt(resolved).build());
        RehearsalResult result = rehearsal.finish();

        assertThat(result.decisions()).extracting(s -> s.event().action(), s -> s.event().phase(),
                        s -> s.event().reason())
                .contains(tuple("patch-hpa", RemediationPhase.VERIFIED, null),
                        tuple("isolate", RemediationPhase.VERIFIED, null),
                        tuple("patch-hpa", RemediationPhase.VERIFIED, "revert"),
                        tuple("isolate", RemediationPhase.VERIFIED, "revert"));
        assertThat(result.decisions()).filteredOn(s -> "revert".equals(s.event().reason())
                        && s.event().phase() == RemediationPhase.SUCCEEDED)
                .extracting(s -> s.event().message())
                .containsExactly("set the simulated HorizontalPodAutoscaler shop/checkout-api to minReplicas 1 (was 4), "
                        + "maxReplicas 10 (was 12)", "removed NetworkPolicy alertpilot-isolate-deployment-checkout-api");
    }

    @Test
    void settingsBindAsTheServicesBindThem() {
        RehearsalSettings settings = RehearsalSettings.of(Map.of("dryRun", "true", "guard.maxAttempts", "7",
                "rateLimit", "3", "notifier.decision-window", "15s"));

        assertThat(settings.remediation().dryRun()).isTrue();
        assertThat(settings.remediation().guard().maxAttempts()).isEqualTo(7);
        assertThat(settings.remediation().guard().rateLimit()).isEqualTo(3);
        assertThat(settings.remediation().guard().cooldown()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.notifier().decisionWindow()).isEqualTo(Duration.ofSeconds(15));
        assertThat(RehearsalSettings.defaults().remediation().dryRun()).isFalse();
    }

    @Test
    void settingsTheServiceDoesNotKnowAreRefused() {
        assertThatThrownBy(() -> RehearsalSettings.of(Map.of("guard.colldown", "5m")))
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("guard.colldown");
    }

    private AlertEvent crashLooping(Instant at, boolean firing) {
        var builder = firing ? Alerts.firing("KubePodCrashLooping", CHECKOUT)
                : Alerts.resolved("KubePodCrashLooping", CHECKOUT);
        return builder.severity(Severity.CRITICAL).receivedAt(at).build();
    }

    private Path playbooks(String yaml) throws IOException {
        Path file = dir.resolve("playbooks.yml");
        Files.writeString(file, yaml);
        return file;
    }
}

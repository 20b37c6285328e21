package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code diagnose: true} and the {@code diagnose} action on the whole run: which events carry a diagnosis. */
class DiagnoseBeforePageTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<ResolvedTarget> diagnosed = new CopyOnWriteArrayList<>();
    private final Diagnosis found = new Diagnosis(
            List.of(new Diagnosis.PodState("api-7d9f-x2k4q", "Running", false, 7, "CrashLoopBackOff, OOMKilled",
                    "node-1")),
            List.of("Pod/api-7d9f-x2k4q BackOff: Back-off restarting failed container"), "api-7d9f-x2k4q/app",
            List.of("java.lang.OutOfMemoryError: Java heap space"), List.of("revision 2: shop/api:1.4.2"), List.of(),
            clock.instant());

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private RemediationRun run(String playbook) throws IOException {
        Files.writeString(dir.resolve("p.yml"), playbook);
        PlaybookLibrary library = new PlaybookLibrary(List.of(dir.toString()), clock);
        RemediationReporter reporter = new RemediationReporter(events::add, event -> { },
                new RemediationMetrics(new SimpleMeterRegistry()), clock,
                new DiagnoseBeforePage(library, (target, lines) -> {
                    diagnosed.add(target);
                    return found;
                }, clock));
        return RemediationRun.of(new RemediationRun.Parts(library, TestRuns.decider(false, clock), new InMemoryLedger(),
                new LocalTargetLocks(clock, "test"), null, executor, reporter, scheduler,
                new RemediationSettings(false, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMillis(10),
                        Duration.ofMinutes(15)), clock));
    }

    private static String playbook(String diagnose, String actions) {
        return """
                playbooks:
                  - name: restart
                    match: { alertname: KubePodCrashLooping }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    %s
                    actions: %s
                """.formatted(diagnose, actions);
    }

    private static AlertEvent crash() {
        return Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api"))
                .severity(Severity.CRITICAL).build();
    }

    private RemediationEvent event(RemediationPhase phase) {
        return events.stream().filter(e -> e.phase() == phase).findFirst().orElseThrow();
    }

    @Test
    void aFailedActionOfADiagnosingPlaybookCarriesTheDiagnosisToTheHuman() throws IOException {
        executor.nextResult = new ActionResult.Failed("http-403", "forbidden");
        run(playbook("diagnose: true", "[ restart ]")).remediator().handle(crash());

        assertThat(events).extracting(RemediationEvent::phase)
                .containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED, RemediationPhase.FAILED);
        assertThat(event(RemediationPhase.FAILED).diagnosis()).isEqualTo(found);
        assertThat(event(RemediationPhase.STARTED).diagnosis()).isNull();
        assertThat(diagnosed).containsExactly(new ResolvedTarget("default", "Deployment", "shop", "api"));
    }

    @Test
    void anEscalationOfADiagnosingPlaybookCarriesTheDiagnosis() throws IOException {
        run(playbook("diagnose: true", "[ escalate ]")).remediator().handle(crash());

        assertThat(event(RemediationPhase.SKIPPED).reason()).isEqualTo("escalate");
        assertThat(event(RemediationPhase.SKIPPED).diagnosis()).isEqualTo(found);
    }

    @Test
    void aPlaybookThatDoesNotAskGathersNothing() throws IOException {
        executor.nextResult = new ActionResult.Failed("http-403", "forbidden");
        run(playbook("", "[ restart ]")).remediator().handle(crash());

        assertThat(event(RemediationPhase.FAILED).diagnosis()).isNull();
        assertThat(diagnosed).isEmpty();
    }

    @Test
    void theDiagnoseActionPutsWhatItGatheredOnItsSucceededEventAndVerifies() throws IOException {
        executor.nextResult = new ActionResult.Done("diagnosed", Map.of(), found);
        run(playbook("", "[ { diagnose: { logLines: 20 } } ]")).remediator().handle(crash());

        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .anyMatch(e -> e.phase() == RemediationPhase.VERIFIED));
        assertThat(event(RemediationPhase.SUCCEEDED).diagnosis()).isEqualTo(found);
        assertThat(event(RemediationPhase.SUCCEEDED).parameters()).containsEntry("logLines", "20");
        assertThat(event(RemediationPhase.SUCCEEDED).action()).isEqualTo("diagnose");
    }
}

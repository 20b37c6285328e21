package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.TargetGuard;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.testing.TestClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetGuardsTest {

    private static final String PLAYBOOKS = """
            playbooks:
              - name: restart
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart ]
                guard: { cooldown: 10m, maxAttempts: 3, window: 1h, flapping: { maxTransitions: 6, window: 10m } }
              - name: untouched
                match: { alertname: NeverFires }
                actions: [ escalate ]
            """;
    private static final String KEY = "default/shop/Deployment/api";

    private final TestRuns.Fixture state = new TestRuns.Fixture("replica-a");
    private final TestClock clock = state.clock;
    private final ReadModel readModel = new ReadModel(clock, Duration.ofDays(30), 10_000);
    private Remediator remediator;
    private TargetGuards targets;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("p.yml"), PLAYBOOKS);
        remediator = state.run(dir, false).remediator();
        targets = new TargetGuards(new PlaybookLibrary(List.of(dir.toString()), clock),
                TestRuns.decider(false, clock), state.ledger, state.locks, readModel);
    }

    @AfterEach
    void stop() {
        state.close();
    }

    private void crash(String fingerprint) {
        AlertEvent alert = Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api"))
                .fingerprint(fingerprint).severity(Severity.CRITICAL).build();
        remediator.handle(alert);
        await().atMost(Duration.ofSeconds(5)).until(() -> state.events.stream()
                .anyMatch(e -> e.fingerprint().equals(fingerprint) && e.phase() == RemediationPhase.VERIFIED));
        state.events.forEach(readModel::onRemediation);
    }

    @Test
    void showsTheCooldownAttemptsAndLastPhaseOfATargetAsTheGuardsReadThem() {
        Instant actedAt = clock.instant();
        crash("fp-1");

        assertThat(targets.of(null).items()).containsExactly(new TargetGuard("restart", KEY,
                actedAt.plus(Duration.ofMinutes(10)), 1, 3, 0, null, "VERIFIED", actedAt));
        assertThat(targets.of(null).total()).isEqualTo(1);
        assertThat(targets.of("untouched").items()).as("a playbook that never acted has no targets").isEmpty();
    }

    @Test
    void theCooldownEndsAndAttemptsLeaveTheWindowAsTimePasses() {
        Instant actedAt = clock.instant();
        crash("fp-1");
        clock.advance(Duration.ofMinutes(11));

        TargetGuard guard = targets.of("restart").items().getFirst();
        assertThat(guard.cooldownUntil()).as("the cooldown is over").isNull();
        assertThat(guard.attemptsInWindow()).isEqualTo(1);
        assertThat(guard.lastActionAt()).isEqualTo(actedAt);

        clock.advance(Duration.ofHours(1));
        assertThat(targets.of("restart").items().getFirst().attemptsInWindow()).isZero();
    }

    @Test
    void namesWhoHoldsTheTargetsLock() {
        crash("fp-1");

        try (TargetLocks.TargetLock held = state.locks.tryLock(KEY, Duration.ofMinutes(1)).orElseThrow()) {
            assertThat(targets.of("restart").items().getFirst().lockHolder()).startsWith("replica-a/");
        }
        assertThat(targets.of("restart").items().getFirst().lockHolder()).isNull();
    }
}

package io.alertpilot.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    private static final Map<String, String> CHECKOUT = Map.of("namespace", "shop", "deployment", "checkout-api");
    private static final String PLAYBOOK = "restart-crashlooping-pods";

    private final AlertEvent first = Alerts.firing("KubePodCrashLooping", CHECKOUT).build();
    private final AlertEvent second = Alerts.firing("KubePodCrashLooping", CHECKOUT).build();
    private final List<Recorded<AlertEvent>> alerts = List.of(recorded(first, 0), recorded(second, 180));

    @Test
    void aDryRunPlanAgreesWithALiveStartAndTheSameGuardAgrees() {
        Comparison comparison = Comparison.of(alerts,
                List.of(event(first, RemediationPhase.PLANNED, null),
                        event(second, RemediationPhase.SKIPPED, "cooldown")),
                List.of(event(first, RemediationPhase.STARTED, null),
                        event(second, RemediationPhase.SKIPPED, "cooldown")),
                10);

        assertThat(comparison.agree()).isEqualTo(2);
        assertThat(comparison.differ()).isZero();
        assertThat(comparison.differences()).isEmpty();
    }

    @Test
    void listsTheOccurrencesWhoseDecisionDiffersWithBothSides() {
        RemediationEvent didSkip = event(second, RemediationPhase.SKIPPED, "cooldown");
        RemediationEvent wouldStart = event(second, RemediationPhase.STARTED, null);
        Comparison comparison = Comparison.of(alerts,
                List.of(event(first, RemediationPhase.STARTED, null), didSkip),
                List.of(event(first, RemediationPhase.STARTED, null), wouldStart), 10);

        assertThat(comparison.agree()).isEqualTo(1);
        assertThat(comparison.differ()).isEqualTo(1);
        Comparison.Difference difference = comparison.differences().getFirst();
        assertThat(difference.alertEventId()).isEqualTo(second.eventId());
        assertThat(difference.at()).isEqualTo(Alerts.T0.plusSeconds(180));
        assertThat(difference.recorded()).map(Outcome::toString)
                .containsExactly("restart-crashlooping-pods/restart SKIPPED cooldown");
        assertThat(difference.replayed()).map(Outcome::toString)
                .containsExactly("restart-crashlooping-pods/restart STARTED");
    }

    @Test
    void anotherGuardsReasonOrAnActionWhereNothingHappenedDiffers() {
        Comparison comparison = Comparison.of(alerts,
                List.of(event(first, RemediationPhase.SKIPPED, "cooldown")),
                List.of(event(first, RemediationPhase.SKIPPED, "flapping"),
                        event(second, RemediationPhase.STARTED, null)),
                10);

        assertThat(comparison.differ()).isEqualTo(2);
        assertThat(comparison.differences().get(1).recorded()).isEmpty();
    }

    @Test
    void comparesEachRunByItsFirstEventOnly() {
        RemediationEvent started = event(first, RemediationPhase.STARTED, null);
        RemediationEvent verified = new RemediationEvent(1, UUID.randomUUID().toString(), started.remediationId(),
                first.eventId(), first.fingerprint(), first.name(), PLAYBOOK, "restart", Map.of(), first.target(),
                RemediationPhase.VERIFIED, null, null, false, Alerts.T0.plusSeconds(60));

        Comparison comparison = Comparison.of(alerts, List.of(started, verified), List.of(started), 10);

        assertThat(comparison.agree()).isEqualTo(2);
        assertThat(comparison.recordedEvents()).isEqualTo(2);
    }

    @Test
    void listsAtMostTheLimitAndCountsTheRest() {
        Comparison comparison = Comparison.of(alerts, List.of(),
                List.of(event(first, RemediationPhase.STARTED, null), event(second, RemediationPhase.STARTED, null)),
                1);

        assertThat(comparison.differ()).isEqualTo(2);
        assertThat(comparison.differences()).hasSize(1);
        assertThat(comparison.differencesLeftOut()).isEqualTo(1);
    }

    @Test
    void recordedEventsOfAlertsOutsideTheRangeAreNotCounted() {
        AlertEvent earlier = Alerts.firing("KubePodCrashLooping", CHECKOUT).build();

        Comparison comparison = Comparison.of(alerts, List.of(event(earlier, RemediationPhase.STARTED, null)),
                List.of(), 10);

        assertThat(comparison.recordedEvents()).isZero();
        assertThat(comparison.agree()).isEqualTo(2);
    }

    private static Recorded<AlertEvent> recorded(AlertEvent alert, int second) {
        return new Recorded<>(Alerts.T0.plusSeconds(second), 0, second, alert);
    }

    /** An event of a run of its own; a PLANNED one is a dry run's. */
    static RemediationEvent event(AlertEvent alert, RemediationPhase phase, String reason) {
        return event(alert, phase, reason, phase == RemediationPhase.PLANNED);
    }

    static RemediationEvent event(AlertEvent alert, RemediationPhase phase, String reason, boolean dryRun) {
        return new RemediationEvent(1, UUID.randomUUID().toString(), UUID.randomUUID().toString(), alert.eventId(),
                alert.fingerprint(), alert.name(), PLAYBOOK, "restart", Map.of(), alert.target(), phase, reason, null,
                dryRun, Instant.EPOCH);
    }
}

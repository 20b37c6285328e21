package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.APPROVERS;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.ApprovalRequest;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remediation events: handled, escalated at once, approvals, verified, redelivery. */
class RemediationHandlingTest {

    private final MachineRun run = new MachineRun();

    @Test
    void aRedeliveredRemediationEventChangesNothing() {
        run.fire();
        var failed = Events.remediation(FP, RemediationPhase.FAILED, run.now());
        run.apply(run.machine.onRemediation(run.incident, failed, run.now()));
        assertThat(run.triggered()).containsExactly(PRIMARY);
        assertThat(run.machine.onRemediation(run.incident, failed, run.now()).changed()).isFalse();
    }

    @Test
    void aHandledAlertWhoseRemediationIsVerifiedPagesNobodyAndInformsOnce() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.PLANNED, run.now()),
                run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.STARTED, run.now()),
                run.now()));
        run.tickAt(WINDOW.plusSeconds(1));
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.VERIFIED, run.now()),
                run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATED);
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.VERIFIED, run.now()),
                run.now()));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        assertThat(run.triggered()).isEmpty();
        assertThat(run.sent).filteredOn(n -> n.action().equals("info")).extracting(PendingNotification::recipient)
                .containsExactly("incidents");
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aHandledAlertStillFiringAfterTheGraceEscalates() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.STARTED, run.now()),
                run.now()));
        run.tickAt(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(run.triggered()).isEmpty();
        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void failedOrSkippedRemediationEscalatesAtOnce() {
        for (RemediationPhase phase : List.of(RemediationPhase.FAILED, RemediationPhase.SKIPPED)) {
            run.incident = null;
            run.sent.clear();
            run.fire();
            run.apply(run.machine.onRemediation(run.incident,
                    Events.remediation(FP, RemediationPhase.STARTED, run.now()), run.now()));
            run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, phase, run.now()), run.now()));
            assertThat(run.incident.state()).as(phase.name()).isEqualTo(IncidentState.ESCALATED);
            assertThat(run.triggered()).as(phase.name()).containsExactly(PRIMARY);
        }
    }

    @Test
    void aLadderPagesOnceWhenItEndsWithoutClearingNotForEachStepThatDidNotHold() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.STARTED, 1, null), run.now()));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.FAILED, 1, "still-firing"),
                run.now()));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.STARTED, 2, null), run.now()));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.FAILED, 2, "still-firing"),
                run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);
        assertThat(run.triggered()).as("a step followed by the next pages nobody").isEmpty();

        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.SKIPPED, 2, "ladder-exhausted"),
                run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void aLadderStepHoldingLongerThanTheGracePagesNobodyUntilItIsJudgedThenTheLadderEndPagesOnce() {
        run.fire();
        Instant judged = run.now().plus(Duration.ofMinutes(16)); // verify 5m + holdFor 10m + lock TTL 1m
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.PLANNED, 1, null, judged), run.now()));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.STARTED, 1, null, judged), run.now()));
        run.tickAt(Duration.ofMinutes(12));
        assertThat(run.triggered()).as("past the 10 min grace, the step still holds").isEmpty();
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);

        run.tickAt(Duration.ofMinutes(4));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.FAILED, 1, "still-firing", null),
                run.now()));
        Instant second = run.now().plus(Duration.ofMinutes(16));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.STARTED, 2, null, second), run.now()));
        run.tickAt(Duration.ofMinutes(15));
        assertThat(run.triggered()).as("the second step holds too").isEmpty();

        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.SKIPPED, 2, "ladder-exhausted", null),
                run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).as("the ladder's end pages, once").containsExactly(PRIMARY);
    }

    @Test
    void aLadderStepTheRemediationServiceNeverJudgesEscalatesAGraceAfterItsDeadline() {
        run.fire();
        Instant judged = run.now().plus(Duration.ofMinutes(16));
        run.apply(run.machine.onRemediation(run.incident, step(RemediationPhase.STARTED, 1, null, judged), run.now()));
        run.tickAt(Duration.ofMinutes(26).minusSeconds(1));
        assertThat(run.triggered()).isEmpty();
        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    private RemediationEvent step(RemediationPhase phase, int step, String reason) {
        return step(phase, step, reason, null);
    }

    private RemediationEvent step(RemediationPhase phase, int step, String reason, Instant deadline) {
        RemediationEvent e = Events.remediation(FP, phase, run.now());
        return new RemediationEvent(e.schemaVersion(), e.eventId(), e.remediationId() + "-" + step, e.alertEventId(),
                e.fingerprint(), e.alertName(), e.playbook(), e.action(), e.parameters(), e.target(), phase, reason,
                e.message(), false, e.occurredAt(), null, deadline, step, null);
    }

    @Test
    void aRemediationSkippedBecauseItsClusterIsUnknownPagesAtOnce() {
        run.fire();
        RemediationEvent skipped = Events.remediation(FP, RemediationPhase.SKIPPED, run.now());
        RemediationEvent unknownCluster = new RemediationEvent(skipped.schemaVersion(), skipped.eventId(),
                skipped.remediationId(), skipped.alertEventId(), skipped.fingerprint(), skipped.alertName(),
                skipped.playbook(), skipped.action(), skipped.parameters(), skipped.target(), skipped.phase(),
                "unknown-cluster", "the target's cluster 'nope' is not configured", false, skipped.occurredAt());
        run.apply(run.machine.onRemediation(run.incident, unknownCluster, run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void aRemediationInDryRunIsNoHandling() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident,
                Events.remediation(FP, "r1", RemediationPhase.PLANNED, run.now(), true), run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void pendingApprovalPagesTheApproversOncePerRemediation() {
        run.fire();
        var pending = Events.remediation(FP, "r1", RemediationPhase.PENDING_APPROVAL, run.now(), false);
        run.apply(run.machine.onRemediation(run.incident, pending, run.now()));
        run.apply(run.machine.onRemediation(run.incident,
                Events.remediation(FP, "r1", RemediationPhase.PENDING_APPROVAL, run.now(), false), run.now()));
        assertThat(run.triggered()).containsExactly(APPROVERS);
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);
    }

    @Test
    void anAlertWaitingForAnApprovalLongerThanTheGraceIsNotEscalatedBeforeTheApprovalsDeadline() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, "r3", RemediationPhase.PLANNED,
                run.now(), false), run.now()));
        Instant deadline = run.now().plus(Duration.ofMinutes(15));
        run.apply(run.machine.onRemediation(run.incident, Events.approvalRequest(FP, "r3", run.now(), deadline),
                run.now()));
        assertThat(run.triggered()).containsExactly(APPROVERS);

        run.tickAt(Duration.ofMinutes(11));
        assertThat(run.triggered()).as("past the 10 min grace, the approval still waits").containsExactly(APPROVERS);
        assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);

        run.tickAt(Duration.ofMinutes(4));
        assertThat(run.incident.state()).as("no answer by the deadline").isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(APPROVERS, PRIMARY);
    }

    @Test
    void anActionApprovedJustBeforeTheDeadlineGetsTheWholeGraceToWork() {
        run.fire();
        Instant deadline = run.now().plus(Duration.ofMinutes(15));
        run.apply(run.machine.onRemediation(run.incident, Events.approvalRequest(FP, "r4", run.now(), deadline),
                run.now()));
        run.tickAt(Duration.ofMinutes(14));
        RemediationEvent started = Events.remediation(FP, "r4", RemediationPhase.STARTED, run.now(), false);
        run.apply(run.machine.onRemediation(run.incident, new RemediationEvent(started.schemaVersion(),
                started.eventId(), started.remediationId(), started.alertEventId(), started.fingerprint(),
                started.alertName(), started.playbook(), started.action(), started.parameters(), started.target(),
                started.phase(), null, "approved by ann", false, started.occurredAt(), "ann", null), run.now()));

        run.tickAt(Duration.ofMinutes(9));
        assertThat(run.incident.state()).as("9 min into the 10 min grace").isEqualTo(IncidentState.REMEDIATING);
        run.tickAt(Duration.ofMinutes(1));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void theApprovalPageCarriesWhatWouldRunWhereWhyAndUntilWhen() {
        run.fire();
        Instant deadline = run.now().plus(Duration.ofMinutes(30));
        run.apply(run.machine.onRemediation(run.incident,
                Events.approvalRequest(FP, "r7", run.now(), deadline), run.now()));
        ApprovalRequest approval = run.sent.getFirst().approval();
        assertThat(approval.remediationId()).isEqualTo("r7");
        assertThat(approval.playbook()).isEqualTo("restart-crashlooping-pods");
        assertThat(approval.action()).isEqualTo("restart");
        assertThat(approval.parameters()).containsEntry("strategy", "rollout");
        assertThat(approval.target()).isEqualTo(Events.TARGET);
        assertThat(approval.why()).contains("needs approval to restart Deployment shop/checkout-api");
        assertThat(approval.deadline()).isEqualTo(deadline);
        assertThat(run.sent.getFirst().id()).startsWith("approval:r7:");
    }

    @Test
    void aWayBackThatFailedAfterTheAlertResolvedEscalatesTheIncidentAgainOnce() {
        run.fire();
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.STARTED, run.now()),
                run.now()));
        run.tickAt(WINDOW.plusSeconds(1));
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.VERIFIED, run.now()),
                run.now()));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
        run.apply(run.machine.onRemediation(run.incident, Events.remediation(FP, RemediationPhase.SKIPPED, run.now()),
                run.now()));
        assertThat(run.incident.state()).as("other news of a resolved incident").isEqualTo(IncidentState.RESOLVED);

        RemediationEvent failed = withReason(Events.remediation(FP, RemediationPhase.FAILED, run.now()),
                "revert-failed");
        run.apply(run.machine.onRemediation(run.incident, failed, run.now()));

        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
        assertThat(run.machine.onRemediation(run.incident, failed, run.now()).changed()).isFalse();
    }

    private static RemediationEvent withReason(RemediationEvent e, String reason) {
        return new RemediationEvent(e.schemaVersion(), e.eventId(), e.remediationId(), e.alertEventId(),
                e.fingerprint(), e.alertName(), e.playbook(), e.action(), e.parameters(), e.target(), e.phase(),
                reason, "could not set HorizontalPodAutoscaler api back: the change stays, undo it by hand",
                e.dryRun(), e.occurredAt());
    }
}

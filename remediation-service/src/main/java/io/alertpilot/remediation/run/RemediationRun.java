package io.alertpilot.remediation.run;

import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.DecisionState;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The remediation run assembled from its parts, once, for the service and for tests: the {@link Remediator} that
 * handles alerts, the {@link Approvals} that humans answer, the {@link Evaluator} that explains, the
 * {@link Ladders} whose timer judges ladder steps, and the {@link IntentRecovery} that resumes interrupted actions,
 * all on the same {@link Decider}, ledger and locks.
 */
public record RemediationRun(Remediator remediator, Approvals approvals, Evaluator evaluator, Ladders ladders,
        IntentRecovery intents) {

    /** Stripes of the per-target lock of the run (work on two targets of one stripe waits). */
    private static final int KEY_STRIPES = 1024;

    /**
     * The state the run reads and writes, and where it reports.
     *
     * @param inspector reads the cluster for the blast-radius guards; null when no cluster is configured
     * @param scheduler runs verifications in the background
     */
    public record Parts(PlaybookLibrary library, Decider decider, Ledger ledger, TargetLocks locks,
            TargetInspector inspector, ActionExecutor executor, RemediationReporter reporter,
            ScheduledExecutorService scheduler, RemediationSettings settings, Clock clock) {
    }

    /** Wires the run from {@code parts}, without maintenance windows. */
    public static RemediationRun of(Parts parts) {
        return of(parts, MaintenanceWindows.NONE);
    }

    /** Wires the run from {@code parts}; its decisions (live, dry run and evaluate) respect {@code windows}. */
    public static RemediationRun of(Parts parts, MaintenanceWindows windows) {
        return of(parts, windows, FaultPoint.OFF);
    }

    /**
     * Wires the run from {@code parts}, respecting {@code windows}, with the fault suite's {@code faultPoint} in its
     * actions ({@link FaultPoint#OFF}: none).
     */
    public static RemediationRun of(Parts parts, MaintenanceWindows windows, FaultPoint faultPoint) {
        // one stripe per target seldom shared: the listener decides up to alertpilot.remediation.consumer.parallelism
        // alerts at once, and two targets on one stripe wait for each other
        KeyedLock keyed = new KeyedLock(KEY_STRIPES);
        DecisionState state = DecisionState.of(parts.ledger(), parts.locks(), windows);
        RemediationReporter reporter = parts.reporter();
        Verifier verifier = new Verifier(parts.executor(), reporter, parts.scheduler(),
                parts.settings().verifyInterval(), parts.clock());
        Reverts reverts = new Reverts(parts.ledger(), keyed, parts.locks(), parts.executor(), reporter,
                parts.settings().lockTtl(), parts.clock());
        LadderLedger ladderLedger = new LadderLedger(parts.library(), parts.decider(), parts.ledger(), keyed, reporter,
                parts.clock());
        Execution execution = new Execution(parts.decider(), parts.ledger(), parts.locks(), parts.inspector(),
                parts.executor(), verifier, reverts, reporter, parts.settings(), parts.clock(), ladderLedger, faultPoint);
        Approvals approvals = new Approvals(parts.library(), parts.decider(), parts.ledger(), parts.locks(), keyed,
                execution, reporter, state, parts.clock(), ladderLedger);
        DryRunExecution dryRun = new DryRunExecution(parts.decider(), parts.ledger(), parts.inspector(), reporter,
                parts.clock());
        DecisionCarrier carrier = new DecisionCarrier(execution, dryRun, reporter);
        Ladders ladders = new Ladders(parts.decider(), parts.ledger(), parts.locks(), keyed, ladderLedger, carrier,
                approvals, reverts, reporter, state, parts.settings().lockTtl(), parts.clock());
        Remediator remediator = new Remediator(parts.library(), parts.decider(), parts.ledger(), state, keyed,
                approvals, carrier, ladders, reverts, reporter);
        Evaluator evaluator = new Evaluator(parts.library(), parts.decider(), state, parts.inspector(),
                parts.settings().dryRun());
        IntentRecovery intents = new IntentRecovery(parts.library(), parts.decider(), ladderLedger, new IntentLedger(parts.ledger(),
                parts.clock()), parts.locks(), keyed, parts.executor(), verifier, reverts, reporter, parts.settings(),
                parts.clock());
        return new RemediationRun(remediator, approvals, evaluator, ladders, intents);
    }
}

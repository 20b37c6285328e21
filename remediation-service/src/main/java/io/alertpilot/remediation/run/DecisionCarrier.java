package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.decide.Decision;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.Guards;
import java.util.Map;
import java.util.Set;

/**
 * Carries out a decision that is recorded already (the occurrence in the ledger, an approval request stored): refuses,
 * skips, plans in dry run, escalates or acts, for an alert's occurrence ({@link Remediator}) and for a ladder's next
 * step ({@link Ladders}) alike. Callers hold the key's {@code KeyedLock}. Thread safe.
 */
final class DecisionCarrier {

    /** Refusals that are a deliberate "not here" (SKIPPED); any other refused template is a FAILED playbook. */
    private static final Set<String> SKIPPED_REFUSALS = Set.of(Guards.NAMESPACE, KnownClusters.UNKNOWN_CLUSTER);

    private final Execution execution;
    private final DryRunExecution dryRunExecution;
    private final RemediationReporter reporter;

    DecisionCarrier(Execution execution, DryRunExecution dryRunExecution, RemediationReporter reporter) {
        this.execution = execution;
        this.dryRunExecution = dryRunExecution;
        this.reporter = reporter;
    }

    void carryOut(Decision decision) {
        switch (decision) {
            case Decision.Refused refused -> refuse(refused);
            case Decision.Blocked blocked -> reporter.skipAll(blocked.checked().plan(), blocked.alert(), 0,
                    blocked.guard().guard(), blocked.guard().message(), null, blocked.checked().dryRun());
            case Decision.DryRun dryRun -> dryRunExecution.plan(dryRun.checked());
            case Decision.Escalate escalate -> execution.execute(escalate.checked(), null);
            case Decision.Act act -> execution.execute(act.checked(), null);
            case Decision.NeedsApproval needsApproval -> {
                // asked when the occurrence was recorded
            }
            case Decision.NoPlaybook none -> {
            }
            case Decision.Duplicate duplicate -> {
            }
        }
    }

    private void refuse(Decision.Refused refused) {
        Plan.Refused plan = refused.plan();
        reporter.emit(RemediationReporter.newId(), refused.alert(), plan.playbook().name(),
                plan.playbook().actions().getFirst().type().yamlName(), Map.of(), plan.target(),
                SKIPPED_REFUSALS.contains(plan.reason()) ? RemediationPhase.SKIPPED : RemediationPhase.FAILED,
                plan.reason(), plan.message(), refused.dryRun());
    }
}

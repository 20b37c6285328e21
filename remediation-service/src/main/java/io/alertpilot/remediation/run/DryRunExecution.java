package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.decide.Checked;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.playbook.ActionType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dry-run counterpart of {@link Execution}: carries a checked dry-run plan as far as a dry run goes, and counts it
 * as the live run counts a started action, in the dry-run state. It checks each action's blast-radius guards where a
 * cluster can be asked, takes a permit of the dry-run rate limit and records one planned attempt in the entry's dry-run
 * count ({@link io.alertpilot.remediation.guard.LedgerEntry#withDryRunAttempt}) before the first action, and emits
 * PLANNED ({@code dryRun: true}) for each action where the live run would emit STARTED. A plan that needs approval is
 * planned as if approved at once. An escalation alone is planned and not counted, as the live run counts none. Callers
 * hold the key's {@code KeyedLock}. Thread safe.
 */
final class DryRunExecution {

    private static final Logger log = LoggerFactory.getLogger(DryRunExecution.class);

    private final Decider decider;
    private final Ledger ledger;
    private final TargetInspector inspector;
    private final RemediationReporter reporter;
    private final Clock clock;

    /** @param inspector reads the cluster for the blast-radius guards; null when no cluster is configured */
    DryRunExecution(Decider decider, Ledger ledger, TargetInspector inspector, RemediationReporter reporter,
            Clock clock) {
        this.decider = decider;
        this.ledger = ledger;
        this.inspector = inspector;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Plans {@code checked} (a dry-run decision) now. */
    void plan(Checked checked) {
        boolean escalateOnly = Decider.escalateOnly(checked.plan());
        ResolvedTarget target = checked.plan().target();
        String playbook = checked.plan().playbook().name();
        boolean recorded = escalateOnly;
        for (int i = 0; i < checked.plan().actions().size(); i++) {
            Action action = checked.plan().actions().get(i);
            if (action.type() != ActionType.ESCALATE) {
                Optional<Verdict> radius = decider.blastRadius(action, target, checked.settings(), inspector).stream()
                        .filter(Verdict::blocks).findFirst();
                if (radius.isPresent()) {
                    skip(checked, i, radius.get().guard(), radius.get().message());
                    return;
                }
            }
            if (!recorded) {
                Verdict permit = decider.takeRatePermit(true);
                if (permit.blocks()) {
                    skip(checked, i, permit.guard(), permit.message());
                    return;
                }
                Instant now = clock.instant();
                ledger.update(checked.ledgerKey(), e -> e.withDryRunAttempt(now));
                recorded = true;
            }
            reporter.emit(RemediationReporter.newId(), checked.alert(), playbook, action, target,
                    RemediationPhase.PLANNED, null, "dry run: would " + action.type().yamlName() + " "
                            + RemediationReporter.describe(target)
                            + (checked.plan().playbook().approvalRequired() ? " once approved" : ""), true);
        }
        log.info("dry run: playbook {} would {} {}: PLANNED only", playbook,
                checked.plan().actions().stream().map(a -> a.type().yamlName()).toList(),
                RemediationReporter.describe(target));
    }

    private void skip(Checked checked, int from, String reason, String message) {
        reporter.skipAll(checked.plan(), checked.alert(), from, reason, message, null, true);
    }
}

package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.decide.Checked;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.Decision;
import io.alertpilot.remediation.decide.DecisionState;
import io.alertpilot.remediation.decide.Recovery;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers what would happen for an alert without acting: runs the {@link Decider} on the state the run would see and
 * renders its {@link Decision} with the playbook, the target, the substituted actions, every guard's verdict and the
 * blast-radius verdicts of each action (read from the cluster when one is configured); each further playbook a
 * {@code continue: true} search reaches is rendered the same way, under {@link Evaluation#continued}. Writes nothing.
 * Thread safe.
 */
public final class Evaluator {

    private final PlaybookLibrary library;
    private final Decider decider;
    private final DecisionState state;
    private final TargetInspector inspector;
    private final boolean dryRun;

    /**
     * @param inspector reads the cluster for the blast-radius guards; null when no cluster is configured
     * @param dryRun the service-wide dry run
     */
    public Evaluator(PlaybookLibrary library, Decider decider, DecisionState state, TargetInspector inspector,
            boolean dryRun) {
        this.library = library;
        this.decider = decider;
        this.state = state;
        this.inspector = inspector;
        this.dryRun = dryRun;
    }

    /** What the run would do now for {@code alert}. */
    public Evaluation evaluate(AlertEvent alert) {
        return evaluate(library.current(), alert);
    }

    /**
     * What the run would do now for {@code alert} if {@code playbooks} were in force instead of the loaded set: a
     * draft tried on the service's current state (ledger, locks, rate limits) without loading it.
     */
    public Evaluation evaluate(PlaybookSet playbooks, AlertEvent alert) {
        List<Evaluation> parts = decider.decideAll(playbooks, alert, state).stream()
                .map(decision -> evaluation(alert, decision)).toList();
        return parts.getFirst().withContinued(parts.subList(1, parts.size()));
    }

    /** One playbook's part, rendered. */
    private Evaluation evaluation(AlertEvent alert, Decision decision) {
        Evaluation.AlertSummary summary = new Evaluation.AlertSummary(alert.fingerprint(), alert.name(),
                alert.status().name(), alert.severity().name(), alert.source().name(), alert.labels());
        Evaluation.RecoveryView recovery = recovery(decision.recovery());
        return switch (decision) {
            case Decision.NoPlaybook none -> new Evaluation(summary, null, null, null, null, List.of(), List.of(),
                    dryRun, false, false, "no-playbook", null, recovery);
            case Decision.Duplicate duplicate -> new Evaluation(summary, duplicate.plan().playbook().name(),
                    target(duplicate.plan().target()), duplicate.ledgerKey(), null, List.of(), List.of(), dryRun,
                    duplicate.plan().playbook().approvalRequired(), false, "duplicate", null, recovery);
            case Decision.Refused refused -> new Evaluation(summary, refused.plan().playbook().name(),
                    target(refused.plan().target()), refused.ledgerKey(), new Evaluation.Refusal(
                            refused.plan().reason(), refused.plan().field(), refused.plan().message()),
                    List.of(), List.of(), refused.dryRun(), refused.plan().playbook().approvalRequired(), false,
                    "refused", null, recovery);
            case Decision.OfPlan onPlan -> checked(summary, onPlan, recovery);
        };
    }

    private static String outcome(Decision.OfPlan decision) {
        return switch (decision) {
            case Decision.Blocked blocked -> "blocked";
            case Decision.DryRun dry -> "dry-run";
            case Decision.NeedsApproval approval -> "needs-approval";
            case Decision.Escalate escalate -> "escalate";
            case Decision.Act act -> "act";
        };
    }

    private Evaluation checked(Evaluation.AlertSummary summary, Decision.OfPlan decision,
            Evaluation.RecoveryView recovery) {
        Checked checked = decision.checked();
        String outcome = outcome(decision);
        Verdict guard = decision instanceof Decision.Blocked blocked ? blocked.guard() : null;
        Plan.Planned planned = checked.plan();
        List<Evaluation.PlannedAction> actions = new ArrayList<>();
        Optional<Verdict> radiusBlock = Optional.empty();
        for (Action action : planned.actions()) {
            List<Verdict> radius = decider.blastRadius(action, planned.target(), checked.settings(), inspector);
            if (radiusBlock.isEmpty()) {
                radiusBlock = radius.stream().filter(Verdict::blocks).findFirst();
            }
            actions.add(new Evaluation.PlannedAction(action.type().yamlName(), action.parameters(), radius));
        }
        boolean acts = outcome.equals("act") && radiusBlock.isEmpty();
        Verdict blockedBy = guard != null ? guard : outcome.equals("act") ? radiusBlock.orElse(null) : null;
        return new Evaluation(summary, planned.playbook().name(), target(planned.target()), checked.ledgerKey(), null,
                actions, checked.verdicts(), checked.dryRun(), planned.playbook().approvalRequired(), acts,
                blockedBy != null ? "blocked" : outcome, blockedBy == null ? null : blockedBy.guard(), recovery);
    }

    private static Evaluation.RecoveryView recovery(Recovery recovery) {
        if (recovery == null) {
            return null;
        }
        return new Evaluation.RecoveryView(recovery.plan().playbook().name(), recovery.ledgerKey(),
                recovery.cancels().stream().map(PendingApproval::remediationId).toList(),
                recovery.revert() == null ? null : recovery.revert().originalSelector(),
                Reverts.waysBack(recovery).stream().map(way -> new Evaluation.PlannedAction(
                        way.action().type().yamlName(), way.action().parameters(), List.of())).toList());
    }

    private static Map<String, String> target(ResolvedTarget target) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("cluster", target.cluster());
        map.put("kind", target.kind());
        map.put("namespace", target.namespace());
        map.put("name", target.name());
        return map;
    }
}

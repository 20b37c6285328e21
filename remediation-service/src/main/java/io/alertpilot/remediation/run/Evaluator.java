package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.GuardSettings;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.match.PlaybookMatcher;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers what would happen for an alert without acting: the playbook, the target, the substituted actions and every
 * guard's verdict. Reads the ledger and, when a cluster is configured, the target's state; writes nothing. Thread safe.
 */
public final class Evaluator {

    private final PlaybookLibrary library;
    private final PlaybookMatcher matcher = new PlaybookMatcher();
    private final ActionPlanner planner;
    private final Guards guards;
    private final GuardDefaults defaults;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final TargetInspector inspector;
    private final boolean dryRun;

    public Evaluator(PlaybookLibrary library, ActionPlanner planner, Guards guards, GuardDefaults defaults, Ledger ledger,
            TargetLocks locks, TargetInspector inspector, boolean dryRun) {
        this.library = library;
        this.planner = planner;
        this.guards = guards;
        this.defaults = defaults;
        this.ledger = ledger;
        this.locks = locks;
        this.inspector = inspector;
        this.dryRun = dryRun;
    }

    public Evaluation evaluate(AlertEvent alert) {
        Evaluation.AlertSummary summary = new Evaluation.AlertSummary(alert.fingerprint(), alert.name(),
                alert.status().name(), alert.severity().name(), alert.source().name(), alert.labels());
        Optional<Playbook> found = library.current().playbooks().stream()
                .filter(p -> matcher.matches(p.match(), alert, false)).findFirst();
        if (found.isEmpty()) {
            return new Evaluation(summary, null, null, null, null, List.of(), List.of(), dryRun, false, false);
        }
        Playbook playbook = found.get();
        boolean playbookDryRun = dryRun || Boolean.TRUE.equals(playbook.dryRun());
        Plan plan = planner.plan(playbook, alert);
        if (plan instanceof Plan.Refused refused) {
            return new Evaluation(summary, playbook.name(), target(refused.target()), refused.target().key(),
                    new Evaluation.Refusal(refused.reason(), refused.field(), refused.message()), List.of(), List.of(),
                    playbookDryRun, playbook.approvalRequired(), false);
        }
        Plan.Planned planned = (Plan.Planned) plan;
        ResolvedTarget target = planned.target();
        GuardSettings settings = GuardSettings.of(defaults, playbook.guard());
        LedgerEntry entry = ledger.get(target.key());
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(guards.dryRun(dryRun, playbook.dryRun()));
        verdicts.addAll(guards.check(target, entry, settings));
        verdicts.add(locks.holder(target.key())
                .map(holder -> Verdict.block(Guards.TARGET_LOCK, "held by " + holder))
                .orElse(Verdict.pass(Guards.TARGET_LOCK, "free")));
        List<Evaluation.PlannedAction> actions = new ArrayList<>();
        boolean blocked = verdicts.stream().anyMatch(v -> v.blocks());
        for (Action action : planned.actions()) {
            List<Verdict> radius = new ArrayList<>();
            if (Guards.needsInspection(action)) {
                if (inspector == null) {
                    radius.add(Verdict.unknown("blast-radius", "no Kubernetes cluster is configured: rollout, "
                            + "PodDisruptionBudget and ready replicas are checked only in a live run"));
                } else {
                    try {
                        radius.addAll(guards.blastRadius(action, inspector.inspect(target, action), settings));
                    } catch (GuardCheckUnavailableException e) {
                        radius.add(Verdict.block(e.reason(), e.getMessage()));
                    }
                }
            }
            blocked |= radius.stream().anyMatch(Verdict::blocks);
            actions.add(new Evaluation.PlannedAction(action.type().yamlName(), action.parameters(), radius));
        }
        return new Evaluation(summary, playbook.name(), target(target), target.key(), null, actions, verdicts,
                playbookDryRun, playbook.approvalRequired(), !blocked && !playbook.approvalRequired());
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

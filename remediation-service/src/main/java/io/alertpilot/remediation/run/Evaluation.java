package io.alertpilot.remediation.run;

import io.alertpilot.remediation.guard.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the service would do for one alert, without doing it: the answer of {@code POST /api/v1/playbooks/evaluate},
 * rendered from the same {@link io.alertpilot.remediation.decide.Decision} the run acts on.
 *
 * @param playbook the playbook that acts on the alert with its status, or null when none does
 * @param target the substituted target, or null without a playbook
 * @param targetKey the key of the ledger entry and lock the plan uses (a targetless playbook's has its name and the
 *     alert's fingerprint)
 * @param refusal why the plan cannot run (a bad template value), or null
 * @param actions each action with its substituted parameters and the blast-radius verdicts for it
 * @param guards the verdicts of the guards that apply to the whole run
 * @param wouldAct true when a live run would act now (no guard blocks, not dry run, no approval needed, not only an
 *     escalation)
 * @param outcome what the run does: {@code no-playbook}, {@code duplicate}, {@code refused}, {@code blocked},
 *     {@code dry-run}, {@code needs-approval}, {@code escalate} or {@code act}
 * @param blockedBy the guard that stops the run (its SKIPPED reason), or null
 * @param recovery what a RESOLVED alert ends, or null
 * @param continued what each further playbook that takes part in the alert would do (the search goes on past a
 *     playbook with {@code continue: true}), in order; empty when this one ends the search
 */
public record Evaluation(
        AlertSummary alert,
        String playbook,
        Map<String, String> target,
        String targetKey,
        Refusal refusal,
        List<PlannedAction> actions,
        List<Verdict> guards,
        boolean dryRun,
        boolean approvalRequired,
        boolean wouldAct,
        String outcome,
        String blockedBy,
        RecoveryView recovery,
        List<Evaluation> continued) {

    public Evaluation {
        continued = continued == null ? List.of() : List.copyOf(continued);
    }

    /** The evaluation of one playbook, or of none, with no further playbook. */
    public Evaluation(AlertSummary alert, String playbook, Map<String, String> target, String targetKey,
            Refusal refusal, List<PlannedAction> actions, List<Verdict> guards, boolean dryRun,
            boolean approvalRequired, boolean wouldAct, String outcome, String blockedBy, RecoveryView recovery) {
        this(alert, playbook, target, targetKey, refusal, actions, guards, dryRun, approvalRequired, wouldAct, outcome,
                blockedBy, recovery, List.of());
    }

    /** This evaluation with {@code further} as the playbooks the search goes on to. */
    Evaluation withContinued(List<Evaluation> further) {
        return new Evaluation(alert, playbook, target, targetKey, refusal, actions, guards, dryRun, approvalRequired,
                wouldAct, outcome, blockedBy, recovery, further);
    }

    /** The alert as the service read it. */
    public record AlertSummary(String fingerprint, String name, String status, String severity, String source,
            Map<String, String> labels) {
    }

    /** A plan that cannot run. */
    public record Refusal(String reason, String field, String message) {
    }

    /** One action of the plan. */
    public record PlannedAction(String type, Map<String, String> parameters, List<Verdict> guards) {
    }

    /**
     * What a RESOLVED alert ends in the entry of the playbook that handles it while firing.
     *
     * @param cancels the ids of approvals that end SKIPPED {@code resolved}
     * @param revertTo the selector a failover switches back to, or null
     * @param undoes every way back the resolution takes (the failover's included), each as the action that undoes
     *     the change with its parameters, in the order they run
     */
    public record RecoveryView(String playbook, String targetKey, List<String> cancels, Map<String, String> revertTo,
            List<PlannedAction> undoes) {
    }
}

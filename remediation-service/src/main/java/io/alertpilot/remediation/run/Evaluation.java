package io.alertpilot.remediation.run;

import io.alertpilot.remediation.guard.Verdict;
import java.util.List;
import java.util.Map;

/**
 * What the service would do for one alert, without doing it: the answer of {@code POST /api/v1/playbooks/evaluate}.
 *
 * @param playbook the matching playbook, or null when none matches
 * @param target the substituted target, or null without a playbook
 * @param refusal why the plan cannot run (a bad template value), or null
 * @param actions each action with its substituted parameters and the blast-radius verdicts for it
 * @param guards the verdicts of the guards that apply to the whole run
 * @param wouldAct true when a live run would act now (no guard blocks, not dry run, no approval needed)
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
        boolean wouldAct) {

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
}

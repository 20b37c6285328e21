package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.StepItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a playbook's {@code steps} (its ladder) or its plain {@code actions} and turns them into {@link Step}s: each
 * step has {@code action} or {@code actions} (not both), a positive {@code holdFor} when given, {@code otherwise} of
 * {@code next}, {@code escalate} or {@code stop}, and its own {@code approval}. Plain {@code actions} are one step
 * without {@code holdFor}. Every problem is noted in the playbook's {@link ItemCheck}, named by its field
 * ({@code steps[1].holdFor}).
 */
final class StepReader {

    private StepReader() {
    }

    /** The steps of {@code yaml}; empty when none could be read (the problems are noted). */
    static List<Step> steps(PlaybookYaml yaml, ItemCheck check) {
        if (yaml.steps() == null) {
            List<ActionSpec> actions = ActionReader.actions(yaml.actions(), check);
            return actions.isEmpty() ? List.of() : List.of(new Step(1, actions, null, Step.Otherwise.NEXT, null));
        }
        if (yaml.actions() != null) {
            check.report("steps", "is exclusive with 'actions': write each action in a step, or drop 'steps'");
        }
        if (yaml.steps().isEmpty()) {
            check.report("steps", "needs at least one step");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < yaml.steps().size(); i++) {
            Step step = step(yaml.steps().get(i), i, check);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps.size() == yaml.steps().size() ? steps : List.of();
    }

    /** True when every action written in {@code yaml} was read into {@code steps}. */
    static boolean everyActionKnown(PlaybookYaml yaml, List<Step> steps) {
        if (yaml.steps() == null) {
            return yaml.actions() != null && !steps.isEmpty() && steps.getFirst().actions().size() == yaml.actions().size();
        }
        return !steps.isEmpty() && steps.size() == yaml.steps().size();
    }

    /** Notes every action of {@code steps} that cannot act on a target of {@code kind}. */
    static void checkFits(String kind, List<Step> steps, boolean ladder, ItemCheck check) {
        for (Step step : steps) {
            ActionReader.checkFits(kind, step.actions(), check,
                    ladder ? "steps[" + (step.number() - 1) + "].actions" : "actions");
        }
    }

    private static Step step(StepItem item, int index, ItemCheck check) {
        String field = "steps[" + index + "]";
        if (item == null) {
            check.report(field, "is empty: a step needs 'action' or 'actions'");
            return null;
        }
        List<ActionSpec> actions;
        int written = item.action() != null ? 1 : item.actions() == null ? 0 : item.actions().size();
        if (item.action() != null && item.actions() != null) {
            check.report(field, "has both 'action' and 'actions': write one item as 'action' or a list as 'actions'");
            return null;
        } else if (item.action() != null) {
            actions = ActionReader.actions(List.of(item.action()), check, field + ".action");
        } else {
            actions = ActionReader.actions(item.actions(), check, field + ".actions");
        }
        Duration holdFor = item.holdFor();
        if (holdFor != null && (holdFor.isNegative() || holdFor.isZero())) {
            check.report(field + ".holdFor", "must be a positive duration (5m, 30s), not " + holdFor);
            holdFor = null;
        }
        Step.Otherwise otherwise = otherwise(item.otherwise(), field, check);
        Boolean approval = item.approval() == null ? null : !Boolean.FALSE.equals(item.approval().required());
        if (item.approval() != null && item.approval().timeout() != null) {
            check.report(field + ".approval.timeout", "is the playbook's: write it under the playbook's 'approval'");
        }
        if (actions.isEmpty() || actions.size() != written || otherwise == null) {
            return null;
        }
        return new Step(index + 1, actions, holdFor, otherwise, approval);
    }

    private static Step.Otherwise otherwise(String text, String field, ItemCheck check) {
        if (text == null) {
            return Step.Otherwise.NEXT;
        }
        try {
            return Step.Otherwise.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            check.report(field + ".otherwise", "must be next, escalate or stop, not '" + text + "'");
            return null;
        }
    }
}

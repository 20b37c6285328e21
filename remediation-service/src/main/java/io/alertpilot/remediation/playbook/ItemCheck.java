package io.alertpilot.remediation.playbook;

import io.alertpilot.config.BoundItem;
import io.alertpilot.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;

/**
 * The checks of one bound playbook: its file and item for messages, every problem found so far (a check notes its
 * problem and the checking goes on, so that all problems of the playbook are reported), and the template and bound
 * checks its fields share. One per playbook; not thread safe.
 */
record ItemCheck(String file, BoundItem<PlaybookYaml> item, List<ConfigProblem> problems) {

    ItemCheck(String file, BoundItem<PlaybookYaml> item) {
        this(file, item, new ArrayList<>());
    }

    /** Notes the problem {@code problem} of {@code field} (under {@code playbooks[i]} for a playbook without name). */
    void report(String field, String problem) {
        ConfigProblem found = item.problem(file, field, problem);
        problems.add(item.name() == null ? found.underField("playbooks[" + item.index() + "]") : found);
    }

    /** @throws InvalidPlaybookException with every problem noted, when there is one */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }
    }

    /** {@code value} when it is a valid template, else null (and the problem noted); null stays null. */
    String template(String value, String field) {
        if (value == null) {
            return null;
        }
        List<String> found = TemplateSyntax.problems(value);
        if (!found.isEmpty()) {
            report(field, found.getFirst());
            return null;
        }
        return value;
    }

    /** {@code value} unless it is below {@code min}, else null (and the problem noted); null stays null. */
    Integer atLeast(Integer value, int min, String field) {
        if (value != null && value < min) {
            report(field, "must be at least " + min + ", not " + value);
            return null;
        }
        return value;
    }
}

package io.alertpilot.remediation.playbook;

import io.alertpilot.config.BoundItem;
import java.util.List;

/** The checks of one bound playbook: its file and item for messages, and the template check its fields share. */
record ItemCheck(String file, BoundItem<PlaybookYaml> item) {

    /** The problem {@code problem} of {@code field}, to throw. */
    InvalidPlaybookException fail(String field, String problem) {
        return new InvalidPlaybookException(List.of(item.problem(file, field, problem)));
    }

    /** {@code value} when it is a valid template; null stays null. */
    String template(String value, String field) {
        if (value == null) {
            return null;
        }
        List<String> problems = TemplateSyntax.problems(value);
        if (!problems.isEmpty()) {
            throw fail(field, problems.getFirst());
        }
        return value;
    }

    /** {@code value} unless it is below {@code min}; null stays null. */
    Integer atLeast(Integer value, int min, String field) {
        if (value != null && value < min) {
            throw fail(field, "must be at least " + min + ", not " + value);
        }
        return value;
    }
}

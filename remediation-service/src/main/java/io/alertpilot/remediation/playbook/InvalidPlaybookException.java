package io.alertpilot.remediation.playbook;

import io.alertpilot.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Playbook files that cannot be used; the message has one line per problem, each naming the file, the playbook
 * (when known), the field as a path ({@code actions[0].scale.max}) and, where known, the line. The accessors give
 * the first problem. Not retryable: the same files fail the same way until they are fixed.
 */
public class InvalidPlaybookException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidPlaybookException(String file, String playbook, String field, String problem) {
        this(List.of(new ConfigProblem(file, playbook, -1, field, 0, problem)));
    }

    /** @param problems at least one */
    public InvalidPlaybookException(List<ConfigProblem> problems) {
        super(problems.stream().map(InvalidPlaybookException::describe).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return problems.getFirst().source();
    }

    /** The playbook's name, or null when the problem is outside any playbook (or the name itself is missing). */
    public String playbook() {
        return problems.getFirst().item();
    }

    public String field() {
        return problems.getFirst().field();
    }

    /** Every problem found, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(ConfigProblem problem) {
        return problem.source() + ": " + (problem.item() == null ? "" : "playbook '" + problem.item() + "': ")
                + (problem.field() == null ? "" : "field '" + problem.field() + "': ") + problem.message()
                + (problem.line() > 0 ? " (line " + problem.line() + ")" : "");
    }
}

package io.alertpilot.notifier.escalation;

import io.alertpilot.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Policy files that cannot be used; the message has one line per problem, each naming the file, the policy (by name,
 * else {@code #index}), the field and, where known, the line. The accessors give the first problem. Not retryable.
 */
public class InvalidPolicyException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidPolicyException(String file, String policy, String field, String problem) {
        this(List.of(new ConfigProblem(file, policy, -1, field, 0, problem)));
    }

    /** @param problems at least one */
    public InvalidPolicyException(List<ConfigProblem> problems) {
        super(problems.stream().map(InvalidPolicyException::describe).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public String file() {
        return problems.getFirst().source();
    }

    public String policy() {
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
        return problem.source() + ": policy '" + (problem.item() == null ? "?" : problem.item()) + "', field '"
                + (problem.field() == null ? "-" : problem.field()) + "': " + problem.message()
                + (problem.line() > 0 ? " (line " + problem.line() + ")" : "");
    }
}

package io.alertpilot.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Configuration files that cannot be used. The message has one line per problem, each naming the file, the item
 * (by name when it has one), the field as a path ({@code actions[0].scale.max}) and, where known, the line:
 * {@code playbooks.yml: playbook 'restart', field 'guard.cooldown': ... (line 7)}. The accessors give the first
 * problem. Not retryable: the same files fail the same way until they are fixed.
 */
public class InvalidConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    /**
     * @param kind what an item of these files is, for the message ({@code playbook}, {@code policy})
     * @param problems at least one
     */
    protected InvalidConfigException(String kind, List<ConfigProblem> problems) {
        super(problems.stream().map(problem -> describe(kind, problem)).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** The file of the first problem, as it was given to the binding. */
    public String file() {
        return problems.getFirst().source();
    }

    /** The item's name, or null when the first problem is outside any item (or the name itself is missing). */
    public String item() {
        return problems.getFirst().item();
    }

    /** The field path of the first problem, or null for the whole file. */
    public String field() {
        return problems.getFirst().field();
    }

    /** Every problem found, in file order. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(String kind, ConfigProblem problem) {
        String item = problem.item() == null ? "" : kind + " '" + problem.item() + "'";
        String field = problem.field() == null ? "" : "field '" + problem.field() + "'";
        String where = item.isEmpty() || field.isEmpty() ? item + field : item + ", " + field;
        return problem.source() + ": " + (where.isEmpty() ? "" : where + ": ") + problem.message()
                + (problem.line() > 0 ? " (line " + problem.line() + ")" : "");
    }
}

package io.alertpilot.cli.test;

import io.alertpilot.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test file, or a file it names, that cannot be used: each problem is a line {@code file:line: item: field:
 * message}. The command exits with 2. Not retryable: the same files fail the same way until they are fixed.
 */
public class InvalidTestFileException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public InvalidTestFileException(List<ConfigProblem> problems) {
        super(problems.stream().map(InvalidTestFileException::line).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** One problem of {@code source}, outside any item. */
    public static InvalidTestFileException of(String source, String field, String message) {
        return new InvalidTestFileException(List.of(new ConfigProblem(source, null, -1, field, 0, message)));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** {@code file:line: item: field: message}, leaving out what the problem does not know. */
    static String line(ConfigProblem problem) {
        StringBuilder text = new StringBuilder(problem.source());
        if (problem.line() > 0) {
            text.append(':').append(problem.line());
        }
        text.append(": ");
        if (problem.item() != null) {
            text.append(problem.item()).append(": ");
        }
        if (problem.field() != null) {
            text.append(problem.field()).append(": ");
        }
        return text.append(problem.message()).toString();
    }
}

package io.alertpilot.cli.test;

import io.alertpilot.config.ConfigProblem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A test file, or a file it names, that cannot be used: each problem is a line {@code file:line: item: field:
 * message}. The command exits with 2. Not retryable: the same files fail the same way until they are fixed.
 */
public class InvalidTestFileException extends RuntimeException {

    public InvalidTestFileException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::located).collect(Collectors.joining("\n")));
    }

    /** One problem of {@code source}, outside any item. */
    public static InvalidTestFileException of(String source, String field, String message) {
        return new InvalidTestFileException(List.of(new ConfigProblem(source, null, -1, field, 0, message)));
    }

}

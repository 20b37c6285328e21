package io.alertpilot.cli.check;

import io.alertpilot.cli.ExitCodes;
import io.alertpilot.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;

/**
 * What a check of configuration files found, and how it is printed: one line per problem and per warning
 * ({@link ConfigProblem#located()}, a warning's message starting with {@code warning:}), then a summary line.
 * Warnings do not fail the check.
 *
 * @param kind what an item is ({@code playbook}, {@code policy}), for the summary
 * @param items how many items were read; only meaningful without problems
 * @param files how many files were read
 * @param problems what makes the files unusable, in file order
 * @param warnings what a user would want to know but the services accept
 */
record CheckResult(String kind, int items, int files, List<ConfigProblem> problems, List<ConfigProblem> warnings) {

    CheckResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** Prints the problems, the warnings and the summary; returns the exit code. */
    int printTo(PrintWriter out) {
        problems.forEach(problem -> out.println(problem.located()));
        warnings.forEach(warning -> out.println(new ConfigProblem(warning.source(), warning.item(), warning.index(),
                warning.field(), warning.line(), "warning: " + warning.message()).located()));
        String summary = problems.isEmpty()
                ? count(items, kind) + " in " + count(files, "file") + ": OK"
                : count(problems.size(), "problem") + " in " + count(files, "file");
        out.println(warnings.isEmpty() ? summary : summary + ", " + count(warnings.size(), "warning"));
        out.flush();
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /** The warning for a directory that holds no file a service would read. */
    static ConfigProblem emptyDirectory(String path) {
        return new ConfigProblem(path, null, -1, null, 0, "no *.yml or *.yaml file in this directory");
    }

    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.equals("policy") ? "policies" : noun + "s");
    }
}

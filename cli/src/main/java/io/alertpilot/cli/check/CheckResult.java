package io.alertpilot.cli.check;

import io.alertpilot.cli.ExitCodes;
import io.alertpilot.config.ConfigProblem;
import java.io.PrintWriter;
import java.util.List;

/**
 * What a check of configuration files found, and how it is printed: one line per problem and per warning, as
 * {@code file:line: item: field: message} with the unknown parts left out ({@code file: message} for a file that is
 * not YAML at all), then a summary line. Warnings do not fail the check.
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
        problems.forEach(problem -> out.println(line(problem, "")));
        warnings.forEach(warning -> out.println(line(warning, "warning: ")));
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

    /** {@code file:line: item: field: message}, leaving out the parts that are unknown. */
    static String line(ConfigProblem problem, String prefix) {
        StringBuilder line = new StringBuilder(problem.source());
        if (problem.line() > 0) {
            line.append(':').append(problem.line());
        }
        if (problem.item() != null) {
            line.append(": ").append(problem.item());
        }
        if (problem.field() != null && !problem.field().isEmpty() && !problem.field().equals("-")) {
            line.append(": ").append(problem.field());
        }
        return line.append(": ").append(prefix).append(problem.message()).toString();
    }

    private static String count(int n, String noun) {
        return n + " " + (n == 1 ? noun : noun.equals("policy") ? "policies" : noun + "s");
    }
}

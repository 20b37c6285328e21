package io.alertpilot.cli.test;

import io.alertpilot.cli.ExitCodes;
import io.alertpilot.cli.UnreadableInputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code alertpilot test FILE...}: runs playbook tests, each a timed sequence of alerts rehearsed with the services'
 * own decision code, and compares the decisions and pages with what the test expects. Prints {@code PASS name} or
 * {@code FAIL name} with the differences, then a summary. Exit 0 when every test passed, 1 when one failed, 2 when a
 * file could not be used (its problems as {@code file:line: item: field: message}).
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run playbook tests: timed alert sequences against playbooks, guards and escalation policies on "
                + "a virtual clock, compared with the expected decisions and pages.")
public final class TestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files (*.test.yml).")
    List<Path> files;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write the results as JUnit XML.")
    Path junitXml;

    private final TestFileReader reader = new TestFileReader();
    private final TestRunner runner = new TestRunner();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JunitXmlReport.Suite> suites = new ArrayList<>();
        int passed = 0;
        int failed = 0;
        boolean unusable = false;
        for (Path file : files) {
            try {
                List<TestOutcome> outcomes = runner.run(file, reader.read(file));
                for (TestOutcome outcome : outcomes) {
                    print(out, outcome);
                    if (outcome.passed()) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
                suites.add(new JunitXmlReport.Suite(file.toString(), outcomes, null));
            } catch (InvalidTestFileException e) {
                unusable = true;
                err.println(e.getMessage());
                suites.add(new JunitXmlReport.Suite(file.toString(), List.of(), e.getMessage()));
            }
        }
        out.printf("%d tests: %d passed, %d failed%s%n", passed + failed, passed, failed,
                unusable ? "; some files could not be used" : "");
        out.flush();
        if (junitXml != null) {
            try {
                new JunitXmlReport().write(junitXml, suites);
            } catch (UncheckedIOException e) {
                throw new UnreadableInputException(e.getMessage(), e);
            }
        }
        return unusable ? ExitCodes.USAGE : failed > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static void print(PrintWriter out, TestOutcome outcome) {
        out.println((outcome.passed() ? "PASS " : "FAIL ") + outcome.name());
        outcome.differences().forEach(line -> out.println("    " + line));
    }
}

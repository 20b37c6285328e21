package io.alertpilot.cli.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.alertpilot.config.SchemaCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped playbook tests run through the command line as a user runs them: {@code java -jar
 * cli/target/alertpilot-cli.jar test examples/tests/*.test.yml} (the jar is built in {@code package}, before this
 * runs), and a wrong expectation fails with the difference shown.
 */
class ShippedTestsIT {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final Path JAR = REPOSITORY.resolve("cli/target/alertpilot-cli.jar");

    private record Result(int exit, String out, String err) {
    }

    private static Result cli(String... args) throws IOException, InterruptedException {
        // failsafe runs after package, which builds the jar; a unit-test run that selects this class by name may not
        assumeTrue(Files.isRegularFile(JAR), "the executable jar is built in package: " + JAR);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("alertpilot-cli", ".out");
        Path err = Files.createTempFile("alertpilot-cli", ".err");
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the command ends").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theShippedTestsPassThroughTheCommandLine() throws Exception {
        List<String> files;
        try (Stream<Path> shipped = Files.list(REPOSITORY.resolve("examples/tests"))) {
            files = shipped.filter(f -> f.toString().endsWith(".test.yml")).sorted()
                    .map(f -> REPOSITORY.relativize(f).toString()).toList();
        }
        Path report = REPOSITORY.resolve("cli/target/alertpilot-tests/shipped.xml");
        List<String> args = new ArrayList<>(List.of("test"));
        args.addAll(files);
        args.addAll(List.of("--junit-xml", report.toString()));

        Result result = cli(args.toArray(String[]::new));

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("PASS ").doesNotContain("FAIL ").contains("0 failed");
        assertThat(result.err()).as("the services' logs stay out of the output").isEmpty();
        assertThat(Files.readString(report)).contains("<testsuite name=\"examples/tests/examples.test.yml\"")
                .contains("<testsuite name=\"examples/tests/helm-values.test.yml\"")
                .contains("<testsuite name=\"examples/tests/helm-production-values.test.yml\"")
                .doesNotContain("<failure");
    }

    /**
     * The alert sequence that remediation's DryRunPredictsLiveIT runs live on fabric8's mock and again in dry run
     * (flapping, cooldown, max attempts, rate limit, approval): the command line decides it the same way.
     */
    @Test
    void theGuardSequenceRunLiveByRemediationGivesTheSameDecisionsHere() throws Exception {
        Result result = cli("test", "remediation-service/src/test/resources/rehearsal/guard-sequence.test.yml");

        assertThat(result.exit()).as(result.out() + result.err()).isZero();
        assertThat(result.out()).contains("PASS ").doesNotContain("FAIL ");
    }

    @Test
    void aWrongExpectationExitsOneWithTheDifference() throws Exception {
        Result result = cli("test", "cli/src/test/resources/tests/wrong-expectation.test.yml");

        assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL a crash-looping Deployment is restarted once, then held back by "
                + "cooldown").contains("remediations[1]: phase: expected STARTED, got SKIPPED");
    }

    @Test
    void aMisspeltKeyExitsTwoNamingTheFileAndTheKey() throws Exception {
        Result result = cli("test", "cli/src/test/resources/invalid-tests/unknown-key.test.yml");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("cli/src/test/resources/invalid-tests/unknown-key.test.yml:5: "
                + "tests[0].alerts[0].sevrity: is not known");
    }
}

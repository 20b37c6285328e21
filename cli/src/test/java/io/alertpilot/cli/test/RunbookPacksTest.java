package io.alertpilot.cli.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.CliRun;
import io.alertpilot.cli.ExitCodes;
import io.alertpilot.config.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The runbook packs ({@code runbooks/<pack>/}) through the command line, as {@code alertpilot test
 * runbooks/*&#47;tests/*.test.yaml} and {@code alertpilot check} run them: every test file of every pack passes (one
 * test per file, failing with what the command printed), every pack's playbooks and policies check without a
 * problem, its playbooks, policies and tests are valid for their JSON Schemas, and a pack that has playbooks or
 * policies has at least one test file.
 */
class RunbookPacksTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final Path RUNBOOKS = REPOSITORY.resolve("runbooks");

    @TestFactory
    Stream<DynamicNode> everyPackIsCheckedAndItsTestsPass() throws IOException {
        List<Path> packs = packs();
        assertThat(packs).as("runbook packs under " + RUNBOOKS).isNotEmpty();
        return packs.stream().map(RunbookPacksTest::pack);
    }

    private static DynamicNode pack(Path pack) {
        String name = pack.getFileName().toString();
        List<Path> playbooks = files(pack.resolve("playbooks"), ".yml", ".yaml");
        List<Path> policies = files(pack.resolve("policies"), ".yml", ".yaml");
        List<Path> tests = files(pack.resolve("tests"), ".test.yaml", ".test.yml");
        List<DynamicNode> nodes = new ArrayList<>();
        if (!playbooks.isEmpty() || !policies.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("has test files", () -> assertThat(tests)
                    .as("runbooks/%s has playbooks or policies, so runbooks/%s/tests/ needs at least one *.test.yaml "
                            + "file proving its procedures", name, name)
                    .isNotEmpty()));
        }
        if (!playbooks.isEmpty() || !policies.isEmpty() || !tests.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("valid for the JSON Schemas", () -> {
                assertValid("playbook.schema.json", playbooks);
                assertValid("policy.schema.json", policies);
                assertValid("playbook-test.schema.json", tests);
            }));
        }
        if (!playbooks.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("alertpilot check playbooks", () -> assertPasses("check", "playbooks",
                    playbooks)));
        }
        if (!policies.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("alertpilot check policies", () -> assertPasses("check", "policies",
                    policies)));
        }
        for (Path test : tests) {
            nodes.add(DynamicTest.dynamicTest("alertpilot test " + relative(test), () -> {
                CliRun run = assertPasses("test", null, List.of(test));
                assertThat(run.out()).as(run.out()).contains("PASS ").doesNotContain("FAIL ");
            }));
        }
        if (nodes.isEmpty()) {
            nodes.add(DynamicTest.dynamicTest("has no playbooks or policies yet", () -> { }));
        }
        return DynamicContainer.dynamicContainer(name, nodes);
    }

    /** What editors check as the file is written (schemas/, named by the files' modelines) finds nothing wrong. */
    private static void assertValid(String schema, List<Path> files) {
        SchemaCheck check = SchemaCheck.of(schema);
        for (Path file : files) {
            assertThat(check.problems(SchemaCheck.text(file))).as("%s against schemas/%s", relative(file), schema)
                    .isEmpty();
        }
    }

    private static CliRun assertPasses(String command, String kind, List<Path> files) {
        List<String> args = new ArrayList<>(List.of(command));
        if (kind != null) {
            args.add(kind);
        }
        files.forEach(file -> args.add(file.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("alertpilot %s exited %d:%n%s%s", String.join(" ", args), run.exitCode(),
                run.out(), run.err()).isEqualTo(ExitCodes.OK);
        return run;
    }

    private static List<Path> packs() throws IOException {
        try (Stream<Path> packs = Files.list(RUNBOOKS)) {
            return packs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static List<Path> files(Path directory, String... suffixes) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String relative(Path file) {
        return REPOSITORY.relativize(file).toString();
    }
}

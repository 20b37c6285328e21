package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The runbook packs' Prometheus rules, checked and unit-tested by Prometheus' own {@code promtool}: every
 * {@code runbooks/<pack>/rules/*.rules.yml} passes {@code promtool check rules}, and every {@code *.rules.test.yml}
 * beside it passes {@code promtool test rules}, so a pack's threshold is proven to fire when its runbook says it
 * should. Where promtool is missing the tests are skipped, except on CI ({@code CI=true}), where they fail.
 */
class RunbookRulesTest {

    private static final List<Path> PROMTOOL = List.of(Path.of("/usr/bin/promtool"), Path.of("/usr/local/bin/promtool"));

    @TestFactory
    Stream<DynamicTest> everyPackRuleFilePassesPromtoolCheck() throws IOException {
        List<Path> files = ruleFiles(".rules.yml");
        assertThat(files).as("rule files under runbooks/*/rules").hasSizeGreaterThanOrEqualTo(5);
        return files.stream().map(file -> DynamicTest.dynamicTest(Repository.root().relativize(file).toString(),
                () -> assertPasses(file, "check", "rules", file.toString())));
    }

    @TestFactory
    Stream<DynamicTest> everyPackRuleTestPassesPromtoolTest() throws IOException {
        List<Path> files = ruleFiles(".rules.test.yml");
        assertThat(files).as("rule tests under runbooks/*/rules").hasSizeGreaterThanOrEqualTo(5);
        return files.stream().map(file -> DynamicTest.dynamicTest(Repository.root().relativize(file).toString(),
                () -> assertPasses(file, "test", "rules", file.getFileName().toString())));
    }

    private static List<Path> ruleFiles(String suffix) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> packs = Files.list(Repository.root().resolve("runbooks"))) {
            for (Path pack : packs.filter(Files::isDirectory).sorted().toList()) {
                Path rules = pack.resolve("rules");
                if (Files.isDirectory(rules)) {
                    try (Stream<Path> inPack = Files.list(rules)) {
                        inPack.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().forEach(files::add);
                    }
                }
            }
        }
        return files;
    }

    /** Runs promtool in the file's directory (rule tests name their rule files relative to it). */
    private static void assertPasses(Path file, String... arguments) throws Exception {
        Path promtool = PROMTOOL.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("promtool is not installed: .ci/run must install the prometheus package");
            }
            Assumptions.abort("promtool is not installed (apt-get install prometheus)");
        }
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(file.getParent().toFile()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as("promtool %s on %s:%n%s", String.join(" ", arguments), file, output)
                .isZero();
    }
}

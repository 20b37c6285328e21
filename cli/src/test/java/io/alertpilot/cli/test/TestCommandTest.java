package io.alertpilot.cli.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.AlertPilotCli;
import io.alertpilot.cli.ExitCodes;
import io.alertpilot.config.SchemaCheck;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final Path RESOURCES = REPOSITORY.resolve("cli/src/test/resources");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return AlertPilotCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void theShippedTestsPass() {
        assertThat(run("test", REPOSITORY.resolve("examples/tests/examples.test.yml").toString(),
                REPOSITORY.resolve("examples/tests/compose-demo.test.yml").toString(),
                REPOSITORY.resolve("examples/tests/guards.test.yml").toString(),
                REPOSITORY.resolve("examples/tests/matching.test.yml").toString(),
                REPOSITORY.resolve("examples/tests/escalation.test.yml").toString(),
                REPOSITORY.resolve("examples/tests/ladder.test.yml").toString())).as(out + "\n" + err)
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("PASS a crash-looping Deployment is restarted once, then held back by "
                + "cooldown").contains("PASS a Sev1 not acknowledged within 5 minutes pages the secondary, then the "
                + "manager").doesNotContain("FAIL");
    }

    @Test
    void everyShippedPlaybookHasATestThatExpectsItsDecision() throws IOException {
        assertPlaybooksTested("remediation-service/src/main/resources/playbooks/examples.yml",
                "examples/tests/examples.test.yml");
        assertPlaybooksTested("compose/playbooks/demo.yaml", "examples/tests/compose-demo.test.yml");
        assertPlaybooksTested("examples/playbooks/matching.yml", "examples/tests/matching.test.yml");
        assertPlaybooksTested("helm/alertpilot/values.yaml#remediation.playbooks.playbooks.yaml.playbooks",
                "examples/tests/helm-values.test.yml");
        assertPlaybooksTested("helm/values-production.yaml#remediation.playbooks.shop.yaml.playbooks",
                "examples/tests/helm-production-values.test.yml");
    }

    private static void assertPlaybooksTested(String playbookFile, String testFile) throws IOException {
        Path file = REPOSITORY.resolve(playbookFile);
        String tests = Files.readString(REPOSITORY.resolve(testFile));
        Optional<EmbeddedList> embedded = EmbeddedList.of(REPOSITORY, playbookFile);
        String text = embedded.isPresent() ? embedded.get().text("playbooks") : Files.readString(file);
        List<String> playbooks = new PlaybookLoader().load(List.of(new PlaybookLoader.Source(file.toString(),
                text)), Instant.EPOCH).playbooks().stream().map(Playbook::name).toList();

        assertThat(playbooks).as(playbookFile).isNotEmpty()
                .allSatisfy(name -> assertThat(tests).as(testFile).contains("playbook: " + name + ","));
    }

    @Test
    void aWrongExpectationFailsAndShowsTheDifference() {
        assertThat(run("test", RESOURCES.resolve("tests/wrong-expectation.test.yml").toString()))
                .isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString())
                .contains("FAIL a crash-looping Deployment is restarted once, then held back by cooldown")
                .contains("remediations[1]: phase: expected STARTED, got SKIPPED")
                .contains("{at: 3m, playbook: restart-crashlooping-pods, action: restart, "
                        + "target: shop/Deployment/checkout-api, phase: SKIPPED, reason: cooldown, dryRun: false}")
                .contains("1 tests: 0 passed, 1 failed");
    }

    @Test
    void aMisspeltKeyIsUnreadableInputNamingFileLineAndField() {
        Path file = RESOURCES.resolve("invalid-tests/unknown-key.test.yml");

        assertThat(run("test", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(file + ":5: tests[0].alerts[0].sevrity: is not known");
    }

    @Test
    void aMissingPlaybookFileIsUnreadableInput() throws IOException {
        Path file = dir.resolve("missing.test.yml");
        Files.writeString(file, """
                playbooks: [nowhere.yml]
                tests:
                  - name: t
                    alerts: [{at: 0s, name: A, status: firing}]
                    expect: {remediations: []}
                """);

        assertThat(run("test", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("nowhere.yml");
    }

    @Test
    void aProblemOfAPlaybookInsideAnotherYamlFileNamesFileHashPathThePlaybookAndTheKey() throws IOException {
        Files.writeString(dir.resolve("values.yaml"), """
                remediation:
                  playbooks:
                    playbooks.yaml:
                      playbooks:
                        - name: restart
                          match: { alertname: A }
                          target: { kind: Deployment, namespace: shop, name: web }
                          actions: [{restart: {}}]
                          guard: { coldown: 5m }
                """);
        Path file = dir.resolve("embedded.test.yml");
        Files.writeString(file, """
                playbooks: ["values.yaml#remediation.playbooks.playbooks.yaml.playbooks"]
                tests:
                  - name: t
                    alerts: [{at: 0s, name: A, status: firing}]
                    expect: {remediations: []}
                """);

        assertThat(run("test", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(dir.resolve("values.yaml")
                + "#remediation.playbooks.playbooks.yaml.playbooks: restart: guard.coldown: is not known");
    }

    @Test
    void unknownSettingsAreUnreadableInput() throws IOException {
        Path file = dir.resolve("settings.test.yml");
        Files.writeString(file, """
                playbooks: [%s]
                settings: {guard: {colldown: 5m}}
                tests:
                  - name: t
                    alerts: [{at: 0s, name: A, status: firing}]
                    expect: {remediations: []}
                """.formatted(REPOSITORY.resolve("compose/playbooks/demo.yaml")));

        assertThat(run("test", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("settings").contains("guard.colldown");
    }

    @Test
    void anApprovalThatFindsNothingWaitingFailsTheTest() throws IOException {
        Path file = dir.resolve("approval.test.yml");
        Files.writeString(file, """
                playbooks: [%s]
                tests:
                  - name: approving what was never asked
                    alerts: [{at: 0s, name: HighLatencyP95, status: firing, labels: {namespace: a, deployment: b}}]
                    approvals: [{at: 1m, playbook: scale-out-on-latency}]
                    until: 2m
                    expect: {remediations: [{phase: STARTED}]}
                """.formatted(REPOSITORY.resolve("compose/playbooks/demo.yaml")));

        assertThat(run("test", file.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("approvals[0]: no remediation of scale-out-on-latency waited for approval "
                + "at 1m");
    }

    @Test
    void writesAJunitReportWithAFailureThatHoldsTheDifference() throws IOException {
        Path report = dir.resolve("reports/alertpilot-tests.xml");

        run("test", RESOURCES.resolve("tests/wrong-expectation.test.yml").toString(), "--junit-xml", report.toString());

        String xml = Files.readString(report);
        assertThat(xml).contains("<testsuite name=\"" + RESOURCES.resolve("tests/wrong-expectation.test.yml") + "\"")
                .contains("tests=\"1\" failures=\"1\" errors=\"0\"")
                .contains("<testcase classname=")
                .contains("<failure message=\"remediations[1]: phase: expected STARTED, got SKIPPED\">");
    }
}

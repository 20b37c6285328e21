package io.alertpilot.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.CliRun;
import io.alertpilot.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckPoliciesTest {

    private static final String DEFAULTS =
            "../notifier-service/src/main/resources/io/alertpilot/notifier/policies/default-policies.yaml";
    private static final String COMPOSE_DEMO = "../compose/policies/demo.yaml";

    @TempDir
    Path dir;

    @Test
    void theShippedPoliciesPass() {
        CliRun defaults = CliRun.of("check", "policies", DEFAULTS);
        CliRun demo = CliRun.of("check", "policies", "../compose/policies");

        assertThat(defaults.exitCode()).as(defaults.out()).isEqualTo(ExitCodes.OK);
        assertThat(defaults.out()).endsWith("3 policies in 1 file: OK" + System.lineSeparator());
        assertThat(demo.exitCode()).as(demo.out()).isEqualTo(ExitCodes.OK);
        assertThat(demo.out()).endsWith("2 policies in 1 file: OK" + System.lineSeparator());
    }

    @Test
    void aMisspeltKeyFailsNamingTheFileThePolicyAndTheKey() throws IOException {
        Path file = write("typo.yaml", """
                policies:
                  - name: critical
                    steps:
                      - after: 0s
                        notfy: [ { pagerduty: primary } ]
                """);

        CliRun run = CliRun.of("check", "policies", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern(
                "(?m)^" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: critical: .*notfy");
    }

    @Test
    void everyProblemOfOnePolicyIsALine() throws IOException {
        Path file = write("three.yaml", """
                policies:
                  - name: critical
                    repeatIntervall: 15m
                    steps:
                      - after: later
                        notfy: [ { pagerduty: secondary } ]
                """);

        CliRun run = CliRun.of("check", "policies", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains(
                file + ":3: critical: repeatIntervall: is not known; known are ackWithin, approvers,",
                file + ":5: critical: steps[0].after: 'later' is not a duration",
                file + ":6: critical: steps[0].notfy: is not known; known are after, level, notify");
        assertThat(run.out()).contains("3 problems in 1 file");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAndNamesUsedTwice() throws IOException {
        Path first = write("a.yaml", """
                policies:
                  - name: no-steps
                  - name: unknown-channel
                    steps:
                      - notify: [ { carrier-pigeon: roof } ]
                """);
        Path second = write("b.yaml", """
                policies:
                  - name: default
                    steps:
                      - notify: [ { log: pages } ]
                """);

        CliRun run = CliRun.of("check", "policies", first.toString(), second.toString(), COMPOSE_DEMO);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains(first + ":2: no-steps: steps: is required",
                first + ":3: unknown-channel: steps[0].notify[0]: channel 'carrier-pigeon' is unknown",
                COMPOSE_DEMO + ": default: name: is used by another policy");
        assertThat(run.out()).contains("3 problems in 3 files");
    }

    @Test
    void warnsAboutAPolicyThatAnEarlierOneAlwaysRoutesFirst() throws IOException {
        Path file = write("shadow.yaml", """
                policies:
                  - name: everything
                    steps:
                      - notify: [ { log: pages } ]
                  - name: critical
                    match: { severity: [CRITICAL] }
                    steps:
                      - notify: [ { pagerduty: primary } ]
                """);

        CliRun run = CliRun.of("check", "policies", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(file + ": critical: match: warning: never chosen: policy 'everything'")
                .contains("2 policies in 1 file: OK, 1 warning");
    }

    @Test
    void aPolicyOfMatchersOrPrioritiesShadowsOnlyAPolicyWithTheSameOnes() throws IOException {
        Path file = write("matchers.yaml", """
                policies:
                  - { name: outside-infra, match: { matchers: ['team!=infra'] }, steps: [ { notify: [ { log: a } ] } ] }
                  - { name: sev1, match: { priority: [Sev1] }, steps: [ { notify: [ { log: b } ] } ] }
                  - { name: critical, match: { severity: [CRITICAL] }, steps: [ { notify: [ { log: c } ] } ] }
                  - name: sev1-outside-infra
                    match: { priority: [SEV-1], matchers: ['team!="infra"'] }
                    steps: [ { notify: [ { log: d } ] } ]
                """);

        CliRun run = CliRun.of("check", "policies", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(file + ": sev1-outside-infra: match: warning: never chosen: policy "
                + "'outside-infra'").doesNotContain("critical: match: warning")
                .contains("4 policies in 1 file: OK, 1 warning");
    }

    @Test
    void aMissingPathIsUnreadableInput() {
        CliRun run = CliRun.of("check", "policies", "no/such/policies");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no/such/policies");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

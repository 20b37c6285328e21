package io.alertpilot.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.CliRun;
import io.alertpilot.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckPlaybooksTest {

    private static final String EXAMPLES = "../remediation-service/src/main/resources/playbooks/examples.yml";
    private static final String COMPOSE_DEMO = "../compose/playbooks/demo.yaml";

    /** A good playbook whose last key is its action, for a test to add keys to. */
    private static final String RESTART = """
            playbooks:
              - name: restart-crashlooping-pods
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: shop, name: checkout-api }
                actions:
                  - restart: {}
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedExamplesPass() {
        CliRun examples = CliRun.of("check", "playbooks", EXAMPLES);
        CliRun demo = CliRun.of("check", "playbooks", COMPOSE_DEMO);

        assertThat(examples.exitCode()).as(examples.out()).isEqualTo(ExitCodes.OK);
        assertThat(examples.out()).endsWith("9 playbooks in 1 file: OK" + System.lineSeparator());
        assertThat(demo.exitCode()).as(demo.out()).isEqualTo(ExitCodes.OK);
        assertThat(demo.out()).contains("2 playbooks in 1 file: OK");
    }

    @Test
    void aMisspeltKeyFailsNamingTheFileThePlaybookAndTheKey() throws IOException {
        Path file = write("typo.yaml", RESTART + """
                    guard: { cooldwon: 15m }
                """);

        CliRun run = CliRun.of("check", "playbooks", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).containsPattern(
                "(?m)^" + java.util.regex.Pattern.quote(file.toString()) + ":\\d+: restart-crashlooping-pods: .*cooldwon");
        assertThat(run.out()).contains("1 problem in 1 file");
    }

    @Test
    void everyProblemOfOnePlaybookIsALine() throws IOException {
        Path file = write("three.yaml", RESTART + """
                    guard:
                      cooldown: soon
                      maxAtempts: 3
                    verifyy: { rolloutTimeout: 5m }
                """);

        CliRun run = CliRun.of("check", "playbooks", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains(
                file + ":8: restart-crashlooping-pods: guard.cooldown: 'soon' is not a duration",
                file + ":9: restart-crashlooping-pods: guard.maxAtempts: is not known; known are cooldown,",
                file + ":10: restart-crashlooping-pods: verifyy: is not known; known are actions,");
        assertThat(run.out()).contains("3 problems in 1 file");
    }

    @Test
    void everyProblemOfEveryFileIsReported() throws IOException {
        Path first = write("a.yaml", """
                playbooks:
                  - name: no-target
                    match: { alertname: A }
                    actions:
                      - restart: {}
                  - name: Bad_Name
                    match: { alertname: B }
                    actions:
                      - escalate: {}
                """);
        Path second = write("b.yml", """
                playbooks:
                  - name: bad-kind
                    match: { alertname: C }
                    target: { kind: Bucket, namespace: shop, name: x }
                    actions:
                      - restart: {}
                """);

        CliRun run = CliRun.of("check", "playbooks", first.toString(), second.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains(first + ":2: no-target: target: is required",
                first + ":6: Bad_Name: name: 'Bad_Name' must be lower-case",
                second + ":2: bad-kind: target.kind: must be one of");
        assertThat(run.out()).contains("3 problems in 2 files");
    }

    @Test
    void aDirectoryIsReadAsTheServiceReadsIt() throws IOException {
        write("one.yaml", playbook("first", "A"));
        write("two.yml", playbook("second", "B"));
        write("notes.txt", "not a playbook");
        write(".hidden.yaml", "not: [valid");

        CliRun run = CliRun.of("check", "playbooks", dir.toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("2 playbooks in 2 files: OK" + System.lineSeparator());
    }

    @Test
    void aNameUsedInTwoFilesIsAProblem() {
        CliRun run = CliRun.of("check", "playbooks", EXAMPLES, COMPOSE_DEMO);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).contains("restart-crashlooping-pods: name: the name is already used by a playbook in "
                + EXAMPLES);
    }

    @Test
    void aFileThatIsNotYamlFailsNamingTheFile() throws IOException {
        Path file = write("broken.yaml", "playbooks: [ { name: x\n");

        CliRun run = CliRun.of("check", "playbooks", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.out()).startsWith(file.toString());
    }

    @Test
    void warnsAboutAPlaybookThatAnEarlierOneAlwaysTakesFirst() throws IOException {
        Path file = write("shadow.yaml", """
                playbooks:
                  - name: any-crash
                    match: { alertname: KubePodCrashLooping, labels: { deployment: ".+" } }
                    target: { kind: Deployment, namespace: shop, name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                  - name: checkout-crash
                    match: { alertname: KubePodCrashLooping, severity: [CRITICAL], labels: { deployment: checkout-api } }
                    target: { kind: Deployment, namespace: shop, name: checkout-api }
                    actions:
                      - restart: {}
                  - name: other-alert
                    match: { alertname: HighLatencyP95, labels: { deployment: checkout-api } }
                    target: { kind: Deployment, namespace: shop, name: checkout-api }
                    actions:
                      - restart: {}
                """);

        CliRun run = CliRun.of("check", "playbooks", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(file + ": checkout-crash: match: warning: never chosen: playbook 'any-crash'")
                .doesNotContain("other-alert:")
                .contains("3 playbooks in 1 file: OK, 1 warning");
    }

    @Test
    void aPlaybookWithContinueShadowsNoneAndOrderDecidesWhichComesFirst() throws IOException {
        Path file = write("continue.yaml", """
                playbooks:
                  - name: checkout-crash
                    order: 20
                    match: { alertname: KubePodCrashLooping, matchers: ['team!=infra', tier=web] }
                    target: { kind: Deployment, namespace: shop, name: checkout-api }
                    actions:
                      - restart: {}
                  - name: note-every-crash
                    order: 10
                    continue: true
                    match: { alertname: KubePodCrashLooping }
                    actions:
                      - escalate: {}
                  - name: crash-outside-infra
                    order: 10
                    match: { alertname: KubePodCrashLooping, matchers: ['team!="infra"'] }
                    target: { kind: Deployment, namespace: shop, name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                  - name: team-crash
                    order: 30
                    match: { alertname: KubePodCrashLooping, matchers: ['team=~"a|b"'] }
                    target: { kind: Deployment, namespace: shop, name: "{{ labels.deployment }}" }
                    actions:
                      - restart: {}
                """);

        CliRun run = CliRun.of("check", "playbooks", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).doesNotContain("playbook 'note-every-crash'")
                .doesNotContain("team-crash:")
                .contains(file + ": checkout-crash: match: warning: never chosen: playbook 'crash-outside-infra'")
                .contains("4 playbooks in 1 file: OK, 1 warning");
    }

    @Test
    void warnsAboutADirectoryWithoutPlaybookFiles() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));

        CliRun run = CliRun.of("check", "playbooks", empty.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(empty + ": warning: no *.yml or *.yaml file in this directory",
                "0 playbooks in 0 files: OK, 1 warning");
    }

    @Test
    void aMissingPathIsUnreadableInput() {
        CliRun run = CliRun.of("check", "playbooks", EXAMPLES, "no/such/playbooks.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no/such/playbooks.yaml");
    }

    @Test
    void noPathIsBadUsage() {
        assertThat(CliRun.of("check", "playbooks").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    private static String playbook(String name, String alert) {
        return """
                playbooks:
                  - name: %s
                    match: { alertname: %s }
                    target: { kind: Deployment, namespace: shop, name: checkout-api }
                    actions:
                      - restart: {}
                """.formatted(name, alert);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}

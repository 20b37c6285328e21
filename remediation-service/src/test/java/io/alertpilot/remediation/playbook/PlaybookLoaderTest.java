package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {

    private final PlaybookLoader loader = new PlaybookLoader();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private PlaybookSet load(String yaml) {
        return loader.load(List.of(new PlaybookLoader.Source("team.yml", yaml)), NOW);
    }

    private static final String GOOD = """
            playbooks:
              - name: restart-crashlooping-pods
                match:
                  alertname: KubePodCrashLooping
                  severity: [CRITICAL, HIGH]
                  labels: { namespace: "shop|payments" }
                  status: FIRING
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions:
                  - restart: {}
                guard: { cooldown: 15m, maxAttempts: 3, window: 1h }
                verify: { rolloutTimeout: 5m }
                onFailure: escalate
            """;

    @Test
    void readsThePlaybookOfTheDesign() {
        Playbook p = load(GOOD).playbooks().getFirst();
        assertThat(p.name()).isEqualTo("restart-crashlooping-pods");
        assertThat(p.match().alertNames()).containsExactly("KubePodCrashLooping");
        assertThat(p.match().severities()).containsExactlyInAnyOrder(Severity.CRITICAL, Severity.HIGH);
        assertThat(p.match().status()).isEqualTo(AlertStatus.FIRING);
        assertThat(p.target().name()).isEqualTo("{{ labels.deployment }}");
        assertThat(p.actions()).extracting(ActionSpec::type).containsExactly(ActionType.RESTART);
        assertThat(p.guard().cooldown()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.verifyTimeout()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void theShippedExamplesAreValid() {
        PlaybookSet set = new PlaybookLibrary(List.of("classpath:playbooks/examples.yml"), TestClock.at("2026-11-23T10:00:00Z"))
                .current();
        assertThat(set.playbooks()).extracting(Playbook::name).contains("restart-crashlooping-pods",
                "scale-out-on-latency", "scale-out-on-queue-depth", "rollback-bad-release", "failover-primary-db",
                "cordon-node-disk-pressure");
        assertThat(set.named("rollback-bad-release").orElseThrow().approvalRequired()).isTrue();
        assertThat(set.named("failover-primary-db").orElseThrow().approvalRequired()).isTrue();
    }

    @Test
    void namesFilePlaybookAndFieldOfAnUnknownAction() {
        assertThatThrownBy(() -> load(GOOD.replace("- restart: {}", "- reboot: {}")))
                .isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("team.yml")
                .hasMessageContaining("playbook 'restart-crashlooping-pods'")
                .hasMessageContaining("field 'actions[0].reboot'")
                .satisfies(e -> {
                    InvalidPlaybookException ex = (InvalidPlaybookException) e;
                    assertThat(ex.file()).isEqualTo("team.yml");
                    assertThat(ex.playbook()).isEqualTo("restart-crashlooping-pods");
                    assertThat(ex.field()).isEqualTo("actions[0].reboot");
                });
    }

    @Test
    void refusesScaleWithoutMaxAndOutsideItsBounds() {
        String scale = GOOD.replace("- restart: {}", "- scale: { by: 2 }");
        assertThatThrownBy(() -> load(scale)).hasMessageContaining("field 'actions[0].scale.max'");
        String outside = GOOD.replace("- restart: {}", "- scale: { to: 20, max: 10 }");
        assertThatThrownBy(() -> load(outside)).hasMessageContaining("field 'actions[0].scale.to'")
                .hasMessageContaining("outside");
    }

    @Test
    void refusesTyposUnknownSeveritiesBadRegexAndBadDurations() {
        assertThatThrownBy(() -> load(GOOD.replace("cooldown: 15m", "coolDown: 15m")))
                .hasMessageContaining("field 'guard.coolDown'");
        assertThatThrownBy(() -> load(GOOD.replace("[CRITICAL, HIGH]", "[CRITICAL, URGENT]")))
                .hasMessageContaining("field 'match.severity'").hasMessageContaining("URGENT");
        assertThatThrownBy(() -> load(GOOD.replace("\"shop|payments\"", "\"shop(\"")))
                .hasMessageContaining("field 'match.labels.namespace'");
        assertThatThrownBy(() -> load(GOOD.replace("cooldown: 15m", "cooldown: soon")))
                .hasMessageContaining("field 'guard.cooldown'");
    }

    @Test
    void refusesAnActionThatDoesNotFitTheTargetKind() {
        assertThatThrownBy(() -> load(GOOD.replace("- restart: {}", "- failover: { selector: { role: standby } }")))
                .hasMessageContaining("field 'actions[0].failover'").hasMessageContaining("Service");
    }

    @Test
    void refusesTemplatesOutsideThePlainSubstitution() {
        assertThatThrownBy(() -> load(GOOD.replace("{{ labels.deployment }}", "{{ labels.deployment | lower }}")))
                .hasMessageContaining("field 'target.name'");
        assertThatThrownBy(() -> load(GOOD.replace("{{ labels.deployment }}", "{{ target.secret }}")))
                .hasMessageContaining("field 'target.name'").hasMessageContaining("not a target field");
    }

    @Test
    void refusesAWebhookUrlBuiltFromLabels() {
        String webhook = GOOD.replace("- restart: {}", "- webhook: { url: \"https://{{ labels.host }}/run\" }");
        assertThatThrownBy(() -> load(webhook)).hasMessageContaining("field 'actions[0].webhook.url'");
    }

    @Test
    void refusesTheSameNameTwiceAcrossFiles() {
        assertThatThrownBy(() -> loader.load(List.of(new PlaybookLoader.Source("a.yml", GOOD),
                new PlaybookLoader.Source("b.yml", GOOD)), NOW))
                .hasMessageContaining("b.yml").hasMessageContaining("already used by a playbook in a.yml");
    }

    @Test
    void namesTheFileOfYamlThatDoesNotParse() {
        assertThatThrownBy(() -> load("playbooks:\n  - name: [unclosed\n"))
                .isInstanceOf(InvalidPlaybookException.class).hasMessageStartingWith("team.yml: not valid YAML");
    }

    @Test
    void namesTheFileOfATagTheYamlParserRefusesWithAnotherException() {
        // found by PlaybookFuzzTest: SnakeYAML throws IllegalArgumentException for a tag that decodes to a space
        assertThatThrownBy(() -> load("!%20x playbooks\n"))
                .isInstanceOf(InvalidPlaybookException.class).hasMessageStartingWith("team.yml: not valid YAML");
    }

    @Test
    void aMissingNameIsReportedByPosition() {
        assertThatThrownBy(() -> load(GOOD.replace("name: restart-crashlooping-pods", "title: x")))
                .hasMessageContaining("field 'playbooks[0].name'");
    }

    @Test
    void reloadKeepsTheLastGoodSetWhenAFileBecomesInvalid(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yml"), GOOD);
        PlaybookLibrary library = new PlaybookLibrary(List.of(dir.toString()), TestClock.at("2026-11-23T10:00:00Z"));
        assertThat(library.current().playbooks()).hasSize(1);
        assertThat(library.reload()).isInstanceOf(PlaybookLibrary.Reload.Unchanged.class);

        Files.writeString(dir.resolve("b.yml"), GOOD.replace("restart-crashlooping-pods", "second")
                .replace("- restart: {}", "- scale: { by: 2 }"));
        PlaybookLibrary.Reload refused = library.reload();
        assertThat(refused).isInstanceOf(PlaybookLibrary.Reload.Refused.class);
        assertThat(((PlaybookLibrary.Reload.Refused) refused).message())
                .contains("b.yml").contains("playbook 'second'").contains("field 'actions[0].scale.max'");
        assertThat(library.current().playbooks()).extracting(Playbook::name).containsExactly("restart-crashlooping-pods");
        assertThat(library.lastError()).contains("b.yml");

        Files.writeString(dir.resolve("b.yml"), GOOD.replace("restart-crashlooping-pods", "second"));
        assertThat(library.reload()).isInstanceOf(PlaybookLibrary.Reload.Loaded.class);
        assertThat(library.current().playbooks()).extracting(Playbook::name)
                .containsExactly("restart-crashlooping-pods", "second");
        assertThat(library.lastError()).isNull();
    }

    @Test
    void anInvalidFileRefusesStartUp(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), GOOD.replace("kind: Deployment", "kind: CronJob"));
        assertThatThrownBy(() -> new PlaybookLibrary(List.of(dir.toString()), TestClock.at("2026-11-23T10:00:00Z")))
                .isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("bad.yaml").hasMessageContaining("restart-crashlooping-pods")
                .hasMessageContaining("field 'target.kind'");
    }
}

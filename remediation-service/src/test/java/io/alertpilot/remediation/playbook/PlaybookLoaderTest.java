package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.AlertMatcher;
import io.alertpilot.config.ConfigProblem;
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
    void refusesAVerificationThatWouldOutliveTheTargetLock() {
        PlaybookLoader service = new PlaybookLoader(Duration.ofMinutes(15));
        String slow = GOOD.replace("rolloutTimeout: 5m", "rolloutTimeout: 16m");

        assertThatThrownBy(() -> service.load(List.of(new PlaybookLoader.Source("team.yml", slow)), NOW))
                .isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("team.yml")
                .hasMessageContaining("playbook 'restart-crashlooping-pods'")
                .hasMessageContaining("field 'verify.rolloutTimeout'")
                .hasMessageContaining("alertpilot.remediation.lock.ttl=PT15M");
        assertThat(service.load(List.of(new PlaybookLoader.Source("team.yml", GOOD)), NOW).playbooks()).hasSize(1);
        assertThat(load(slow).playbooks()).as("a loader without a lock takes any time").hasSize(1);
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
        // found by PlaybookFuzzTest: the YAML parser once threw IllegalArgumentException for a tag that decodes to a space
        assertThatThrownBy(() -> load("!%20x playbooks\n"))
                .isInstanceOf(InvalidPlaybookException.class).hasMessageStartingWith("team.yml: ")
                .hasMessageContaining("must be a map with the key 'playbooks'");
    }

    @Test
    void aMissingNameIsReportedByPosition() {
        assertThatThrownBy(() -> load(GOOD.replace("name: restart-crashlooping-pods", "description: x")))
                .hasMessageContaining("field 'playbooks[0].name'");
    }

    @Test
    void refusesAnUnknownKeyWithFilePlaybookFieldAndLine() {
        assertThatThrownBy(() -> load(GOOD.replace("    verify:", "    verfiy:")))
                .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> {
                    assertThat(e.file()).isEqualTo("team.yml");
                    assertThat(e.playbook()).isEqualTo("restart-crashlooping-pods");
                    assertThat(e.field()).isEqualTo("verfiy");
                    assertThat(e.problems().getFirst().line()).isEqualTo(12);
                })
                .hasMessageContaining("is not known").hasMessageContaining("verify");
        assertThatThrownBy(() -> load(GOOD.replace("- restart: {}", "- scale: { by: 2, max: 5, step: 1 }")))
                .hasMessageContaining("field 'actions[0].scale.step'");
        assertThatThrownBy(() -> load(GOOD.replace("status: FIRING", "status: FIRING\n      team: shop")))
                .hasMessageContaining("field 'match.team'");
    }

    @Test
    void reportsEveryProblemOfOnePlaybookWithFieldAndLine() {
        String yaml = GOOD.replace("    verify:", "    verifyy:")
                .replace("guard: { cooldown: 15m,", "guard: { cooldown: soon, maxAtempts: 2,");
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(InvalidPlaybookException.class, e ->
                assertThat(e.problems()).extracting(ConfigProblem::located).containsExactly(
                        "team.yml:11: restart-crashlooping-pods: guard.cooldown: 'soon' is not a duration such as "
                                + "30s, 5m, 1h30m or PT5M",
                        "team.yml:11: restart-crashlooping-pods: guard.maxAtempts: is not known; known are "
                                + "cooldown, flapping, maxAttempts, minReadyReplicas, window",
                        "team.yml:12: restart-crashlooping-pods: verifyy: is not known; known are actions, "
                                + "approval, continue, description, diagnose, dryRun, guard, match, name, order, steps, target, "
                                + "verify"));
    }

    @Test
    void readsDiagnoseTrueAndTheDiagnoseActionWithItsLogLines() {
        Playbook playbook = load(GOOD.replace("- restart: {}", "- diagnose: { logLines: 200 }\n      - restart")
                .replace("    verify:", "    diagnose: true\n    verify:")).playbooks().getFirst();
        assertThat(playbook.diagnose()).isTrue();
        assertThat(playbook.actions().getFirst().params()).containsEntry("logLines", "200");
        assertThat(load(GOOD.replace("- restart: {}", "- diagnose")).playbooks().getFirst().actions().getFirst()
                .params()).containsEntry("logLines", "50");
        assertThatThrownBy(() -> load(GOOD.replace("- restart: {}", "- diagnose: { logLines: 501 }")))
                .hasMessageContaining("field 'actions[0].diagnose.logLines': 501 is outside 1..500");
        assertThatThrownBy(() -> load(GOOD.replace("kind: Deployment", "kind: Service")
                .replace("- restart: {}", "- diagnose")))
                .hasMessageContaining("diagnose works on Deployment, StatefulSet, DaemonSet, Pod");
    }

    @Test
    void reportsEveryFailingCheckOfOnePlaybook() {
        String yaml = GOOD.replace("status: FIRING", "status: SOMETIMES")
                .replace("severity: [CRITICAL, HIGH]", "severity: [CRITICAL, LOUD]")
                .replace("- restart: {}", "- scale: { to: 20, max: 5 }\n      - webhook: { url: \"{{ labels.url }}\" }")
                .replace("maxAttempts: 3", "maxAttempts: 0");
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(InvalidPlaybookException.class, e ->
                assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly("match.severity",
                        "match.status", "actions[0].scale.to", "actions[1].webhook.url", "guard.maxAttempts"));
    }

    @Test
    void readsOrderContinueMatchersAnnotationsAndPriorities() {
        Playbook p = load(GOOD.replace("    verify: { rolloutTimeout: 5m }",
                "    verify: { rolloutTimeout: 5m }\n    order: 10\n    continue: true").replace("status: FIRING", """
                status: FIRING
                      matchers: ['team!=infra', 'env=~"prod|staging"']
                      annotations: 'runbook_url=~".+"'
                      priority: [P0, SEV-1]""")).playbooks().getFirst();
        assertThat(p.order()).isEqualTo(10);
        assertThat(p.continueMatching()).isTrue();
        assertThat(p.match().matchers()).containsExactly(AlertMatcher.parse("team!=infra"),
                AlertMatcher.parse("env=~\"prod|staging\""));
        assertThat(p.match().annotations()).containsExactly(AlertMatcher.parse("runbook_url=~\".+\""));
        assertThat(p.match().priorities()).containsExactlyInAnyOrder("p0", "sev1");
        Playbook plain = load(GOOD).playbooks().getFirst();
        assertThat(plain.order()).isZero();
        assertThat(plain.continueMatching()).isFalse();
    }

    @Test
    void namesTheMatcherThatCannotBeRead() {
        String yaml = GOOD.replace("status: FIRING", """
                status: FIRING
                      matchers: ['team!=infra', 'env=~"(prod"', team]
                      annotations: ['summary~"x"']""");
        assertThatThrownBy(() -> load(yaml)).isInstanceOfSatisfying(InvalidPlaybookException.class, e ->
                assertThat(e.problems()).extracting(p -> p.field() + ": " + p.message()).containsExactly(
                        "match.matchers[1]: '(prod' is not a valid regular expression: Unclosed group",
                        "match.matchers[2]: 'team' is not a matcher: write name=value, name!=value, "
                                + "name=~\"regex\" or name!~\"regex\"",
                        "match.annotations[0]: 'summary~\"x\"' is not a matcher: write name=value, name!=value, "
                                + "name=~\"regex\" or name!~\"regex\""));
    }

    @Test
    void matchersAloneAreEnoughToMatch() {
        String yaml = GOOD.replace("      alertname: KubePodCrashLooping\n", "")
                .replace("      labels: { namespace: \"shop|payments\" }\n", "      matchers: ['namespace=~\"shop\"']\n");
        assertThat(load(yaml).playbooks().getFirst().match().alertNames()).isEmpty();
        assertThatThrownBy(() -> load(yaml.replace("      matchers: ['namespace=~\"shop\"']\n", "")))
                .hasMessageContaining("needs at least 'alertname', 'labels' or 'matchers'");
    }

    @Test
    void refusesOnFailureBecauseAFailedActionAlwaysReachesAHuman() {
        assertThatThrownBy(() -> load(GOOD + "    onFailure: none\n"))
                .hasMessageContaining("field 'onFailure'").hasMessageContaining("always reaches a human");
    }

    @Test
    void reportsEveryBadPlaybookOfEveryFileAtOnce() {
        String second = GOOD.replace("restart-crashlooping-pods", "second").replace("cooldown: 15m", "cooldown: soon")
                .replace("playbooks:\n", "");
        assertThatThrownBy(() -> loader.load(List.of(
                new PlaybookLoader.Source("a.yml", GOOD.replace("kind: Deployment", "kind: Job") + second),
                new PlaybookLoader.Source("b.yml", GOOD.replace("- restart: {}", "- reboot: {}"))), NOW))
                .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.source() + " " + p.item() + " " + p.field())
                        .containsExactly("a.yml restart-crashlooping-pods target.kind", "a.yml second guard.cooldown",
                                "b.yml restart-crashlooping-pods actions[0].reboot"))
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void readsTheShortFormsOfActionsAndApproval() {
        Playbook p = load(GOOD.replace("- restart: {}", "- restart") + "    approval: required\n")
                .playbooks().getFirst();
        assertThat(p.actions()).extracting(ActionSpec::type).containsExactly(ActionType.RESTART);
        assertThat(p.approvalRequired()).isTrue();
        assertThat(load(GOOD + "    approval: { timeout: 10m }\n").playbooks().getFirst())
                .satisfies(q -> assertThat(q.approvalRequired()).isTrue())
                .satisfies(q -> assertThat(q.approvalTimeout()).isEqualTo(Duration.ofMinutes(10)));
        assertThatThrownBy(() -> load(GOOD + "    approval: maybe\n")).hasMessageContaining("field 'approval'")
                .hasMessageContaining("'maybe'");
    }
}

package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.ConfigProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading a playbook's {@code steps}: the ladder as written, and every mistake named by its field. */
class StepReaderTest {

    private static final String HEAD = """
            playbooks:
              - name: service-down
                match: { alertname: ServiceDown }
                target: { kind: Deployment, namespace: shop, name: api }
            """;

    private static Playbook load(String body) {
        return new PlaybookLoader().load(List.of(new PlaybookLoader.Source("team.yml", HEAD + body)), Instant.EPOCH)
                .playbooks().getFirst();
    }

    private static List<String> problems(String body) {
        try {
            load(body);
        } catch (InvalidPlaybookException e) {
            return e.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
        }
        throw new AssertionError("loaded without a problem");
    }

    @Test
    void readsEveryStepWithItsHoldOtherwiseAndApproval() {
        Playbook playbook = load("""
                    steps:
                      - actions: [restart]
                        holdFor: 5m
                      - action: { scale: { by: 2, max: 10 } }
                        holdFor: 10m
                        otherwise: next
                      - action: rollback
                        approval: required
                        holdFor: 10m
                        otherwise: escalate
                """);
        assertThat(playbook.steps()).extracting(Step::number, s -> s.actions().getFirst().type(), Step::holdFor,
                Step::otherwise, Step::approvalRequired).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, ActionType.RESTART, Duration.ofMinutes(5),
                                Step.Otherwise.NEXT, null),
                        org.assertj.core.groups.Tuple.tuple(2, ActionType.SCALE, Duration.ofMinutes(10),
                                Step.Otherwise.NEXT, null),
                        org.assertj.core.groups.Tuple.tuple(3, ActionType.ROLLBACK, Duration.ofMinutes(10),
                                Step.Otherwise.ESCALATE, true));
        assertThat(playbook.actions()).as("a match plans the first step").extracting(ActionSpec::type)
                .containsExactly(ActionType.RESTART);
        assertThat(playbook.approvalRequired()).isFalse();
    }

    @Test
    void plainActionsAreOneStepWithoutHoldFor() {
        Playbook playbook = load("    actions: [restart, escalate]\n");
        assertThat(playbook.steps()).singleElement().satisfies(step -> {
            assertThat(step.number()).isEqualTo(1);
            assertThat(step.holdFor()).isNull();
            assertThat(step.actions()).hasSize(2);
        });
    }

    @Test
    void namesTheFieldOfEveryMistakeInTheSteps() {
        assertThat(problems("""
                    steps:
                      - actions: [restart]
                        holdFor: 0s
                      - action: { scale: { by: 2 } }
                        otherwise: later
                      - action: rollback
                        actions: [restart]
                      - action: unplug
                """)).containsExactly(
                        "steps[0].holdFor: must be a positive duration (5m, 30s), not PT0S",
                        "steps[1].action.scale.max: is required: the most replicas a scale may reach",
                        "steps[1].otherwise: must be next, escalate or stop, not 'later'",
                        "steps[2]: has both 'action' and 'actions': write one item as 'action' or a list as "
                                + "'actions'",
                        "steps[3].action.unplug: is not an action; known are " + String.join(", ",
                                ActionType.names()));
    }

    @Test
    void stepsAndActionsAreExclusive() {
        assertThat(problems("""
                    actions: [restart]
                    steps:
                      - action: restart
                """)).containsExactly("steps: is exclusive with 'actions': write each action in a step, or drop "
                + "'steps'");
    }

    @Test
    void aStepThatCannotActOnTheTargetIsNamedByItsStep() {
        assertThat(problems("""
                    steps:
                      - action: restart
                      - action: { failover: { selector: { track: standby } } }
                """)).containsExactly("steps[1].actions[0].failover: cannot act on a target of kind Deployment "
                + "(failover works on Service)");
    }

    @Test
    void anUnknownKeyOfAStepIsRefused() {
        assertThatThrownBy(() -> load("    steps:\n      - action: restart\n        holdfor: 5m\n"))
                .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactly("steps[0].holdfor"));
    }

    @Test
    void aLadderMatchesFiringAlertsOnly() {
        for (String status : List.of("RESOLVED", "any")) {
            String yaml = HEAD.replace("match: { alertname: ServiceDown }",
                    "match: { alertname: ServiceDown, status: " + status + " }")
                    + "    steps:\n      - action: restart\n        holdFor: 5m\n";
            assertThatThrownBy(() -> new PlaybookLoader().load(List.of(new PlaybookLoader.Source("team.yml", yaml)),
                    Instant.EPOCH)).isInstanceOfSatisfying(InvalidPlaybookException.class, e -> assertThat(e.problems())
                            .extracting(p -> p.field() + ": " + p.message()).containsExactly("match.status: '" + status
                                    + "' cannot start a ladder: a playbook with steps matches FIRING alerts only "
                                    + "(remove match.status or write FIRING)"));
        }
        assertThat(new PlaybookLoader().load(List.of(new PlaybookLoader.Source("team.yml", HEAD.replace(
                "match: { alertname: ServiceDown }", "match: { alertname: ServiceDown, status: RESOLVED }")
                + "    actions: [restart]\n")), Instant.EPOCH).playbooks()).as("plain actions may act on a resolution")
                .hasSize(1);
    }
}

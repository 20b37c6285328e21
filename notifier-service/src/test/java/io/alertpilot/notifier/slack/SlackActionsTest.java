package io.alertpilot.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackWebApi;
import io.alertpilot.notifier.incident.OperatorResult;
import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.ApiUsers;
import io.alertpilot.support.web.Role;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What a press does before and besides Slack: the user, the role, the command; the update is SlackAppIT's. */
class SlackActionsTest {

    private final TestClock clock = TestClock.at("2026-11-30T08:00:00.700Z");
    private final List<RemediationCommand> sent = new CopyOnWriteArrayList<>();
    private final List<String> incidentCalls = new CopyOnWriteArrayList<>();
    private final Map<String, ApiUser> users = Map.of(
            "alice", new ApiUser("alice", Set.of(Role.APPROVER)),
            "rita", new ApiUser("rita", Set.of(Role.RESPONDER)),
            "root", new ApiUser("root", Set.of(Role.ADMIN)));
    private final Map<String, String> slackIds = Map.of("U1", "alice", "U2", "rita", "U3", "root", "U4", "ghost");
    private final ApiUsers apiUsers = name -> Optional.ofNullable(users.get(name));
    // no bot token: the update is refused at once, without a call; the press still counts
    private final SlackWebApi api = new SlackWebApi(new HttpSender(Duration.ofSeconds(1), Duration.ofSeconds(1)),
            "http://127.0.0.1:9/api", null);
    private final SlackActions actions = new SlackActions(id -> Optional.ofNullable(slackIds.get(id)), apiUsers,
            recording("acknowledge"), recording("resolve"), sent::add, api, clock);

    private IncidentAction recording(String verb) {
        return (id, by, origin) -> {
            incidentCalls.add(verb + " " + id + " by " + by + " from " + origin);
            return new OperatorResult.Forwarded(id);
        };
    }

    private static SlackInteraction press(String user, String actionId, String value) {
        return new SlackInteraction(user, "C1", "1764489600.000100", actionId, value, List.of());
    }

    @Test
    void approveAndRejectSendACommandWithTheMappedUserAndOriginSlack() {
        var approved = actions.press(press("U1", SlackAppMessages.APPROVE, "rem-1"));
        var rejected = actions.press(press("U3", SlackAppMessages.REJECT, "rem-2"));

        Instant at = Instant.parse("2026-11-30T08:00:00Z");
        assertThat(sent).containsExactly(
                new RemediationCommand(RemediationCommand.Type.APPROVE, "rem-1", "alice", "slack", at),
                new RemediationCommand(RemediationCommand.Type.REJECT, "rem-2", "root", "slack", at));
        assertThat(approved).isInstanceOfSatisfying(SlackActions.Outcome.Done.class,
                done -> assertThat(done.text()).contains("APPROVED* by alice", "rem-1"));
        assertThat(rejected).isInstanceOfSatisfying(SlackActions.Outcome.Done.class,
                done -> assertThat(done.text()).contains("REJECTED* by root", "rem-2"));
        assertThat(incidentCalls).isEmpty();
    }

    @Test
    void acknowledgeAndResolveGoToTheIncidentServiceAsTheMappedUser() {
        actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE, "fp-1"));
        actions.press(press("U3", SlackAppMessages.RESOLVE, "fp-1"));

        assertThat(incidentCalls).containsExactly("acknowledge fp-1 by rita from slack",
                "resolve fp-1 by root from slack");
        assertThat(sent).isEmpty();
    }

    @Test
    void anUnmappedUserAMissingRoleAnUnknownUserAndAnUnknownButtonChangeNothing() {
        assertThat(actions.press(press("U9", SlackAppMessages.APPROVE, "rem-1")))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "unmapped-slack-user", "user.id",
                        "Slack user U9 is not mapped to an AlertPilot user (alertpilot.notifier.slack-app.users)"));
        assertThat(actions.press(press("U2", SlackAppMessages.APPROVE, "rem-1")))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "missing-role", "user.id",
                        "user rita lacks the role approver"));
        assertThat(actions.press(press("U1", SlackAppMessages.ACKNOWLEDGE, "fp-1")))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "missing-role", "user.id",
                        "user alice lacks the role responder"));
        assertThat(actions.press(press("U4", SlackAppMessages.RESOLVE, "fp-1")))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class,
                        refused -> assertThat(refused.detail()).contains("no such user"));
        assertThat(actions.press(press("U3", "alertpilot.reboot", "fp-1")))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(400));

        assertThat(sent).isEmpty();
        assertThat(incidentCalls).isEmpty();
    }

    @Test
    void aCommandThatCannotBeSentFailsThePress() {
        SlackActions down = new SlackActions(id -> Optional.of("alice"), apiUsers, recording("acknowledge"),
                recording("resolve"), command -> {
                    throw new CommandNotSentException(command.remediationId(), new IllegalStateException("down"));
                }, api, clock);

        assertThatThrownBy(() -> down.press(press("U1", SlackAppMessages.APPROVE, "rem-1")))
                .isInstanceOf(CommandNotSentException.class).hasMessageContaining("rem-1");
    }
}

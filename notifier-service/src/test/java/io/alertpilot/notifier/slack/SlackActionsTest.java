package io.alertpilot.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackButtonValue;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * What a press does before and besides Slack: the user, the role, the occurrence and state of the incident, the
 * command; the update is SlackAppIT's.
 */
class SlackActionsTest {

    private static final Instant OPENED = Instant.parse("2026-11-30T07:40:00.123Z");
    private static final Instant REOPENED = Instant.parse("2026-11-30T07:55:00.456Z");

    private final TestClock clock = TestClock.at("2026-11-30T08:00:00.700Z");
    private final List<RemediationCommand> sent = new CopyOnWriteArrayList<>();
    private final List<String> incidentCalls = new CopyOnWriteArrayList<>();
    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
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
            id -> Optional.ofNullable(incidents.get(id)), recording("acknowledge"), recording("resolve"), sent::add,
            api, clock);

    private IncidentAction recording(String verb) {
        return (id, by, origin) -> {
            incidentCalls.add(verb + " " + id + " by " + by + " from " + origin);
            return new OperatorResult.Forwarded(id);
        };
    }

    private static SlackInteraction press(String user, String actionId, String value) {
        return new SlackInteraction(user, "C1", "1764489600.000100", actionId, value, List.of());
    }

    private static String page(String incidentId, Instant opened) {
        return SlackButtonValue.incident(incidentId, opened).text();
    }

    private static String approvalPage(String remediationId, String incidentId, Instant opened) {
        return SlackButtonValue.approval(remediationId, incidentId, opened).text();
    }

    /** Incident {@code id} opened at {@code createdAt}, in {@code state}, with {@code notices}. */
    private void incident(String id, Instant createdAt, IncidentState state, String acknowledgedBy,
            String resolvedBy, List<String> notices) {
        Instant at = createdAt.plusSeconds(60);
        incidents.put(id, new Incident(Incident.SCHEMA_VERSION, id, id, state, "KubePodCrashLooping", null, "summary",
                Map.of(), null, "shop", 0, 0, null, createdAt, at, acknowledgedBy == null ? null : at, acknowledgedBy,
                resolvedBy == null ? null : at, null, 3, "alertmanager", id, at, null, null, null, notices, resolvedBy,
                null, null, null, null));
    }

    private static String text(SlackActions.Outcome outcome) {
        assertThat(outcome).isInstanceOf(SlackActions.Outcome.Done.class);
        return ((SlackActions.Outcome.Done) outcome).text();
    }

    @Test
    void approveAndRejectSendACommandWithTheMappedUserAndSayItWasSentNotApplied() {
        incident("fp-1", OPENED, IncidentState.REMEDIATING, null, null, List.of("approval:rem-1", "approval:rem-2"));

        String approved = text(actions.press(press("U1", SlackAppMessages.APPROVE,
                approvalPage("rem-1", "fp-1", OPENED))));
        String rejected = text(actions.press(press("U3", SlackAppMessages.REJECT,
                approvalPage("rem-2", "fp-1", OPENED))));

        Instant at = Instant.parse("2026-11-30T08:00:00Z");
        assertThat(sent).containsExactly(
                new RemediationCommand(RemediationCommand.Type.APPROVE, "rem-1", "alice", "slack", at),
                new RemediationCommand(RemediationCommand.Type.REJECT, "rem-2", "root", "slack", at));
        assertThat(approved).contains("Approval sent* by alice", "rem-1", "if it still waits for approval")
                .doesNotContain("APPROVED");
        assertThat(rejected).contains("Rejection sent* by root", "rem-2", "if it still waits for approval")
                .doesNotContain("REJECTED");
        assertThat(incidentCalls).isEmpty();
    }

    @Test
    void anApprovalTheIncidentNoLongerListsOrOfAResolvedIncidentSendsNothing() {
        incident("fp-1", OPENED, IncidentState.TRIGGERED, null, null, List.of("approval:rem-other"));
        incident("fp-2", OPENED, IncidentState.RESOLVED, null, "alert", List.of("approval:rem-2"));

        String notListed = text(actions.press(press("U1", SlackAppMessages.APPROVE,
                approvalPage("rem-1", "fp-1", OPENED))));
        String resolved = text(actions.press(press("U1", SlackAppMessages.REJECT,
                approvalPage("rem-2", "fp-2", OPENED))));

        assertThat(notListed).startsWith(":warning: Nothing sent").contains("fp-1",
                "does not wait for the approval of remediation rem-1");
        assertThat(resolved).startsWith(":warning: Nothing sent").contains("fp-2 is resolved", "rem-2");
        assertThat(sent).isEmpty();
    }

    @Test
    void acknowledgeAndResolveGoToTheIncidentServiceAsTheMappedUser() {
        incident("fp-1", OPENED, IncidentState.ESCALATED, null, null, List.of());

        actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE, page("fp-1", OPENED)));
        actions.press(press("U3", SlackAppMessages.RESOLVE, page("fp-1", OPENED)));

        assertThat(incidentCalls).containsExactly("acknowledge fp-1 by rita from slack",
                "resolve fp-1 by root from slack");
        assertThat(sent).isEmpty();
    }

    @Test
    void aButtonOfAnEarlierOccurrenceChangesNothingAndSaysSo() {
        incident("fp-1", REOPENED, IncidentState.ESCALATED, null, null, List.of("approval:rem-1"));

        String acknowledge = text(actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE, page("fp-1", OPENED))));
        String approve = text(actions.press(press("U1", SlackAppMessages.APPROVE,
                approvalPage("rem-1", "fp-1", OPENED))));

        assertThat(acknowledge).startsWith(":warning: Nothing done (pressed by rita")
                .contains("earlier occurrence of incident fp-1", OPENED.toString(), REOPENED.toString());
        assertThat(approve).contains("earlier occurrence of incident fp-1");
        assertThat(incidentCalls).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void aBareIdOrAnUnreadableValueIsRefusedAsUnknown() {
        incident("fp-1", OPENED, IncidentState.ESCALATED, null, null, List.of("approval:rem-1"));

        assertThat(actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE, "fp-1")))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(400);
                    assertThat(refused.reason()).isEqualTo("unknown-button-value");
                    assertThat(refused.field()).isEqualTo("actions[0].value");
                });
        assertThat(actions.press(press("U1", SlackAppMessages.APPROVE, "rem-1")))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo("unknown-button-value"));
        assertThat(actions.press(press("U2", SlackAppMessages.RESOLVE, "fp-1@yesterday")))
                .isInstanceOf(SlackActions.Outcome.Refused.class);
        assertThat(incidentCalls).isEmpty();
        assertThat(sent).isEmpty();
    }

    @Test
    void aPressOnAnIncidentAlreadyInTheWantedStateSaysWhoDidItFirst() {
        incident("fp-ack", OPENED, IncidentState.ACKNOWLEDGED, "bob", null, List.of());
        incident("fp-res", OPENED, IncidentState.RESOLVED, null, "api:carol", List.of());

        String acknowledgedTwice = text(actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE,
                page("fp-ack", OPENED))));
        String resolvedTwice = text(actions.press(press("U3", SlackAppMessages.RESOLVE, page("fp-res", OPENED))));
        String acknowledgedWhenResolved = text(actions.press(press("U2", SlackAppMessages.ACKNOWLEDGE,
                page("fp-res", OPENED))));

        assertThat(acknowledgedTwice).startsWith(":eyes: *Already acknowledged* by bob").doesNotContain("warning");
        assertThat(resolvedTwice).startsWith(":white_check_mark: *Already resolved* by api:carol")
                .doesNotContain("warning");
        assertThat(acknowledgedWhenResolved).startsWith(":white_check_mark: *Already resolved* by api:carol");
        assertThat(incidentCalls).isEmpty();
    }

    @Test
    void anUnmappedUserAMissingRoleAnUnknownUserAndAnUnknownButtonChangeNothing() {
        incident("fp-1", OPENED, IncidentState.ESCALATED, null, null, List.of("approval:rem-1"));
        String approval = approvalPage("rem-1", "fp-1", OPENED);

        assertThat(actions.press(press("U9", SlackAppMessages.APPROVE, approval)))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "unmapped-slack-user", "user.id",
                        "Slack user U9 is not mapped to an AlertPilot user (alertpilot.notifier.slack-app.users)"));
        assertThat(actions.press(press("U2", SlackAppMessages.APPROVE, approval)))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "missing-role", "user.id",
                        "user rita lacks the role approver"));
        assertThat(actions.press(press("U1", SlackAppMessages.ACKNOWLEDGE, page("fp-1", OPENED))))
                .isEqualTo(new SlackActions.Outcome.Refused(403, "missing-role", "user.id",
                        "user alice lacks the role responder"));
        assertThat(actions.press(press("U4", SlackAppMessages.RESOLVE, page("fp-1", OPENED))))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class, refused -> {
                    assertThat(refused.status()).isEqualTo(403);
                    assertThat(refused.reason()).isEqualTo("unknown-user");
                    assertThat(refused.detail()).contains("ghost", "alertpilot.api.users");
                });
        assertThat(actions.press(press("U3", "alertpilot.reboot", page("fp-1", OPENED))))
                .isInstanceOfSatisfying(SlackActions.Outcome.Refused.class,
                        refused -> assertThat(refused.status()).isEqualTo(400));

        assertThat(sent).isEmpty();
        assertThat(incidentCalls).isEmpty();
    }

    @Test
    void aCommandThatCannotBeSentFailsThePress() {
        incident("fp-1", OPENED, IncidentState.ESCALATED, null, null, List.of("approval:rem-1"));
        SlackActions down = new SlackActions(id -> Optional.of("alice"), apiUsers,
                id -> Optional.ofNullable(incidents.get(id)), recording("acknowledge"), recording("resolve"),
                command -> {
                    throw new CommandNotSentException(command.remediationId(), new IllegalStateException("down"));
                }, api, clock);

        assertThatThrownBy(() -> down.press(press("U1", SlackAppMessages.APPROVE,
                approvalPage("rem-1", "fp-1", OPENED))))
                .isInstanceOf(CommandNotSentException.class).hasMessageContaining("rem-1");
    }
}

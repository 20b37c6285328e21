package io.alertpilot.notifier.slack;

import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackWebApi;
import io.alertpilot.notifier.incident.OperatorResult;
import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.ApiUsers;
import io.alertpilot.support.web.Role;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a verified button press does: the Slack user is mapped to an AlertPilot user (configuration), who must hold the
 * button's role (acknowledge, resolve: responder; approve, reject: approver) in {@link ApiUsers}; otherwise nothing
 * changes. Acknowledge and resolve go through the incident service with that user and origin {@code slack};
 * approve and reject become a {@link RemediationCommand} for the remediation service. Then the message is updated in
 * place: buttons gone, what happened and who did it shown. A failed update is logged, the press still counts. Thread
 * safe.
 */
public final class SlackActions {

    /** Where the commands come from, recorded with them. */
    public static final String ORIGIN = "slack";

    private static final Logger log = LoggerFactory.getLogger(SlackActions.class);

    private final Function<String, Optional<String>> userOfSlackId;
    private final ApiUsers users;
    private final IncidentAction acknowledge;
    private final IncidentAction resolve;
    private final RemediationCommands remediations;
    private final SlackWebApi api;
    private final Clock clock;

    /**
     * @param userOfSlackId the AlertPilot user name of a Slack user id, when mapped
     * @param users the AlertPilot users and their roles
     */
    public SlackActions(Function<String, Optional<String>> userOfSlackId, ApiUsers users, IncidentAction acknowledge,
            IncidentAction resolve, RemediationCommands remediations, SlackWebApi api, Clock clock) {
        this.userOfSlackId = userOfSlackId;
        this.users = users;
        this.acknowledge = acknowledge;
        this.resolve = resolve;
        this.remediations = remediations;
        this.api = api;
        this.clock = clock;
    }

    /** How a press ended. */
    public sealed interface Outcome {

        /** Done (or refused by the incident's state, which the message now says): {@code text} is what it says. */
        record Done(String text) implements Outcome {
        }

        /**
         * Not done, nothing changed.
         *
         * @param status 400 (a button AlertPilot does not know) or 403 (unmapped user, unknown user, missing role)
         */
        record Refused(int status, String reason, String field, String detail) implements Outcome {
        }
    }

    /**
     * Does what {@code press} asks, as its mapped user.
     *
     * @throws io.alertpilot.notifier.incident.IncidentStoreException or {@code IncidentLookupException} when the
     *     incident topic could not be used, {@link CommandNotSentException} when the remediation command could not be
     *     sent: nothing changed and the message is left as it is
     */
    public Outcome press(SlackInteraction press) {
        Role needed = switch (press.actionId()) {
            case SlackAppMessages.ACKNOWLEDGE, SlackAppMessages.RESOLVE -> Role.RESPONDER;
            case SlackAppMessages.APPROVE, SlackAppMessages.REJECT -> Role.APPROVER;
            default -> null;
        };
        if (needed == null) {
            return new Outcome.Refused(400, "unknown-action", "actions[0].action_id",
                    "AlertPilot has no button " + press.actionId());
        }
        Optional<String> name = userOfSlackId.apply(press.userId());
        if (name.isEmpty()) {
            log.warn("Refused a Slack button press by unmapped Slack user {}", press.userId());
            return new Outcome.Refused(403, "unmapped-slack-user", "user.id", "Slack user " + press.userId()
                    + " is not mapped to an AlertPilot user (alertpilot.notifier.slack-app.users)");
        }
        Optional<ApiUser> user = users.named(name.get());
        if (user.isEmpty() || !user.get().has(needed)) {
            log.warn("Refused a Slack button press by {} ({}): role {} missing", name.get(), press.userId(),
                    needed.configName());
            return new Outcome.Refused(403, "missing-role", "user.id", "user " + name.get() + " lacks the role "
                    + needed.configName() + (user.isEmpty() ? " (no such user in alertpilot.api.users)" : ""));
        }
        String text = apply(press, name.get(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        ChannelResult updated = api.update(press.channelId(), press.messageTs(),
                SlackAppMessages.answered(press.blocks(), text));
        if (!(updated instanceof ChannelResult.Delivered)) {
            log.warn("Slack message {} in {} not updated after {} by {}: {}", press.messageTs(), press.channelId(),
                    press.actionId(), name.get(), updated);
        }
        return new Outcome.Done(text);
    }

    private String apply(SlackInteraction press, String by, Instant at) {
        String id = press.value();
        return switch (press.actionId()) {
            case SlackAppMessages.ACKNOWLEDGE -> said(acknowledge.apply(id, by, ORIGIN), ":eyes: *ACKNOWLEDGED*",
                    "acknowledged", by, at);
            case SlackAppMessages.RESOLVE -> said(resolve.apply(id, by, ORIGIN), ":white_check_mark: *RESOLVED*",
                    "resolved", by, at);
            case SlackAppMessages.APPROVE -> answer(RemediationCommand.Type.APPROVE, id, by, at,
                    ":white_check_mark: *APPROVED*");
            default -> answer(RemediationCommand.Type.REJECT, id, by, at, ":no_entry: *REJECTED*");
        };
    }

    private String answer(RemediationCommand.Type type, String remediationId, String by, Instant at, String done) {
        remediations.send(new RemediationCommand(type, remediationId, by, ORIGIN, at));
        log.info("{} of remediation {} by {} from Slack sent to the remediation service", type, remediationId, by);
        return done + " by " + by + " at " + at + " (remediation " + remediationId
                + "; the remediation service applies it if it still waits for approval)";
    }

    private static String said(OperatorResult result, String done, String verb, String by, Instant at) {
        return switch (result) {
            case OperatorResult.Applied applied -> done + " by " + by + " at " + at + " (state "
                    + applied.incident().state() + ")";
            case OperatorResult.Forwarded forwarded -> done + " by " + by + " at " + at
                    + " (sent to the replica that owns incident " + forwarded.incidentId() + ")";
            case OperatorResult.Refused refused -> ":warning: Not " + verb + " (pressed by " + by + " at " + at
                    + "): incident " + refused.incidentId() + " is " + refused.reason();
        };
    }
}

package io.alertpilot.notifier.slack;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackButtonValue;
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
 * What a verified button press does: the Slack user is mapped to an AlertPilot user (configuration), who must be
 * configured in {@link ApiUsers} and hold the button's role (acknowledge, resolve: responder; approve, reject:
 * approver); otherwise nothing changes. The button's value names the occurrence of the incident the page was for
 * ({@link SlackButtonValue}); the incident is looked up as it is now, on whichever replica owns it, and
 * {@link PressCheck} decides whether the press may act on it (not on a later occurrence, not twice). Acknowledge and
 * resolve go through the incident service with that user and origin {@code slack}; approve and reject become a
 * {@link RemediationCommand} for the remediation service, which applies it only if the remediation still waits, so the
 * message says the answer was sent, not that it was applied. Then the message is updated in place: buttons gone, what
 * happened (or why nothing did) and who pressed shown. A failed update is logged, the press still counts. Thread safe.
 */
public final class SlackActions {

    /** Where the commands come from, recorded with them. */
    public static final String ORIGIN = "slack";

    private static final Logger log = LoggerFactory.getLogger(SlackActions.class);
    private static final int SHOWN_VALUE = 80;

    private final Function<String, Optional<String>> userOfSlackId;
    private final ApiUsers users;
    private final Function<String, Optional<Incident>> incidents;
    private final IncidentAction acknowledge;
    private final IncidentAction resolve;
    private final RemediationCommands remediations;
    private final SlackWebApi api;
    private final Clock clock;

    /**
     * @param userOfSlackId the AlertPilot user name of a Slack user id, when mapped
     * @param users the AlertPilot users and their roles
     * @param incidents an incident by id as it is now, whichever replica owns it ({@code IncidentService::find})
     */
    public SlackActions(Function<String, Optional<String>> userOfSlackId, ApiUsers users,
            Function<String, Optional<Incident>> incidents, IncidentAction acknowledge, IncidentAction resolve,
            RemediationCommands remediations, SlackWebApi api, Clock clock) {
        this.userOfSlackId = userOfSlackId;
        this.users = users;
        this.incidents = incidents;
        this.acknowledge = acknowledge;
        this.resolve = resolve;
        this.remediations = remediations;
        this.api = api;
        this.clock = clock;
    }

    /** How a press ended. */
    public sealed interface Outcome {

        /**
         * Done, or refused by the incident as it is now (an earlier occurrence, already acknowledged or resolved, no
         * longer waiting for the approval), which the message now says: {@code text} is what it says.
         */
        record Done(String text) implements Outcome {
        }

        /**
         * Not done, nothing changed, the message left as it is.
         *
         * @param status 400 (a button or button value AlertPilot does not know) or 403 (unmapped user, unknown user,
         *     missing role)
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
        if (user.isEmpty()) {
            log.warn("Refused a Slack button press by {} ({}): no such user", name.get(), press.userId());
            return new Outcome.Refused(403, "unknown-user", "user.id", "Slack user " + press.userId()
                    + " is mapped to " + name.get() + ", who is not a user of alertpilot.api.users");
        }
        if (!user.get().has(needed)) {
            log.warn("Refused a Slack button press by {} ({}): role {} missing", name.get(), press.userId(),
                    needed.configName());
            return new Outcome.Refused(403, "missing-role", "user.id", "user " + name.get() + " lacks the role "
                    + needed.configName());
        }
        boolean approval = needed == Role.APPROVER;
        Optional<SlackButtonValue> value = SlackButtonValue.parse(press.value(), approval);
        if (value.isEmpty()) {
            return new Outcome.Refused(400, "unknown-button-value", "actions[0].value", "the button value "
                    + shown(press.value()) + " is not one AlertPilot writes (" + (approval ? "<remediationId>@" : "")
                    + "<incidentId>@<occurrence>): the page is older than this version of AlertPilot");
        }
        String by = name.get();
        Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<Incident> incident = incidents.apply(value.get().incidentId());
        String text = PressCheck.refusal(press.actionId(), value.get(), incident, by, at)
                .orElseGet(() -> apply(press.actionId(), value.get(), by, at));
        ChannelResult updated = api.update(press.channelId(), press.messageTs(),
                SlackAppMessages.answered(press.blocks(), text));
        if (!(updated instanceof ChannelResult.Delivered)) {
            log.warn("Slack message {} in {} not updated after {} by {}: {}", press.messageTs(), press.channelId(),
                    press.actionId(), by, updated);
        }
        return new Outcome.Done(text);
    }

    private String apply(String actionId, SlackButtonValue value, String by, Instant at) {
        String id = value.incidentId();
        return switch (actionId) {
            case SlackAppMessages.ACKNOWLEDGE -> acknowledged(acknowledge.apply(id, by, ORIGIN), by, at);
            case SlackAppMessages.RESOLVE -> resolved(resolve.apply(id, by, ORIGIN), by, at);
            case SlackAppMessages.APPROVE -> answer(RemediationCommand.Type.APPROVE, value.remediationId(), by, at,
                    ":outbox_tray: *Approval sent* by ", "it runs");
            default -> answer(RemediationCommand.Type.REJECT, value.remediationId(), by, at,
                    ":outbox_tray: *Rejection sent* by ", "it is skipped");
        };
    }

    private String answer(RemediationCommand.Type type, String remediationId, String by, Instant at, String sent,
            String effect) {
        remediations.send(new RemediationCommand(type, remediationId, by, ORIGIN, at));
        log.info("{} of remediation {} by {} from Slack sent to the remediation service", type, remediationId, by);
        return sent + by + " at " + at + " for remediation " + remediationId + ": " + effect
                + " if it still waits for approval (GET /api/v1/remediations/" + remediationId + " shows what happened)";
    }

    private static String acknowledged(OperatorResult result, String by, Instant at) {
        if (result instanceof OperatorResult.Applied applied && !by.equals(applied.incident().acknowledgedBy())) {
            return PressCheck.alreadyAcknowledged(applied.incident(), by, at); // someone was quicker
        }
        return said(result, ":eyes: *ACKNOWLEDGED*", "acknowledged", by, at);
    }

    private static String resolved(OperatorResult result, String by, Instant at) {
        if (result instanceof OperatorResult.Applied applied
                && !(ORIGIN + ":" + by).equals(applied.incident().resolvedBy())) {
            return PressCheck.alreadyResolved(applied.incident().resolvedBy(), applied.incident().resolvedAt(), by,
                    at); // someone was quicker
        }
        return said(result, ":white_check_mark: *RESOLVED*", "resolved", by, at);
    }

    private static String said(OperatorResult result, String done, String verb, String by, Instant at) {
        return switch (result) {
            case OperatorResult.Applied applied -> done + " by " + by + " at " + at + " (state "
                    + applied.incident().state() + ")";
            case OperatorResult.Forwarded forwarded -> done + " by " + by + " at " + at
                    + " (sent to the replica that owns incident " + forwarded.incidentId() + ")";
            case OperatorResult.Refused refused when refused.reason().equals("resolved") ->
                    PressCheck.alreadyResolved(null, null, by, at);
            case OperatorResult.Refused refused -> ":warning: Not " + verb + " (pressed by " + by + " at " + at
                    + "): incident " + refused.incidentId() + " is " + refused.reason();
        };
    }

    private static String shown(String value) {
        return value.length() > SHOWN_VALUE ? value.substring(0, SHOWN_VALUE) + "..." : value;
    }
}

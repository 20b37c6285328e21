package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The timeline entry of each kind of event, for people: a title, who and the facts behind it. Pure. */
final class TimelineEntries {

    /** Who the automation's own decisions and pages are by. */
    static final String AUTOMATION = "alertpilot";

    private TimelineEntries() {
    }

    static TimelineEntry alert(AlertEvent alert) {
        return new TimelineEntry(alert.receivedAt(), TimelineEntry.Kind.ALERT,
                alert.name() + (alert.firing() ? " firing" : " resolved"),
                alert.source().name().toLowerCase(Locale.ROOT),
                facts("severity", alert.severity().name(), "summary", alert.summary(), "status", alert.status().name(),
                        "startsAt", text(alert.startsAt()), "receivedAt", alert.receivedAt().toString(),
                        "event id", alert.eventId()));
    }

    /** The one entry standing for the {@code count} earliest occurrences, {@code first} to {@code last}, not shown. */
    static TimelineEntry alertsLeftOut(AlertEvent first, AlertEvent last, int count) {
        return new TimelineEntry(last.receivedAt(), TimelineEntry.Kind.ALERT,
                count + " earlier occurrences of " + last.name() + " not shown",
                last.source().name().toLowerCase(Locale.ROOT), facts("left out", String.valueOf(count),
                        "first received", first.receivedAt().toString(), "last received", last.receivedAt().toString()));
    }

    /** The entry of a remediation event; {@code window} names the window that held it back, or is null. */
    static TimelineEntry remediation(RemediationEvent event, String window) {
        TimelineEntry.Kind kind = switch (event.phase()) {
            case PLANNED, PENDING_APPROVAL, SKIPPED -> TimelineEntry.Kind.DECISION;
            case STARTED, SUCCEEDED, FAILED -> TimelineEntry.Kind.ACTION;
            case VERIFIED -> TimelineEntry.Kind.VERIFICATION;
        };
        String title = event.action() + " on " + event.key() + ": " + event.phase()
                + (event.reason() == null ? "" : " (" + event.reason() + ")")
                + (event.phase() == RemediationPhase.PENDING_APPROVAL && event.deadline() != null
                        ? ", waits for approval until " + event.deadline() : "")
                + (window == null ? "" : ", held by window " + window);
        return new TimelineEntry(event.occurredAt(), kind, title, event.by() == null ? AUTOMATION : event.by(),
                remediationFacts(event, window));
    }

    static Map<String, String> remediationFacts(RemediationEvent event, String window) {
        boolean guard = event.phase() == RemediationPhase.SKIPPED;
        return facts("playbook", event.playbook(), "action", event.action(), "target", event.key(),
                "phase", event.phase().name(), guard ? "guard" : "reason", event.reason(), "message", event.message(),
                "dry run", event.dryRun() ? "yes" : null, "deadline", text(event.deadline()), "window", window,
                "by", event.by(), "remediation id", event.remediationId());
    }

    /** The approval or rejection {@code by} gave with its event (approved through the API). */
    static TimelineEntry approval(RemediationEvent event) {
        return new TimelineEntry(event.occurredAt(), TimelineEntry.Kind.APPROVAL, answer(event) + " by " + event.by(),
                event.by(), facts("playbook", event.playbook(), "action", event.action(), "target", event.key(),
                        "remediation id", event.remediationId()));
    }

    /** "rejected" for the event a rejection led to, "approved" for the others with a {@code by}. */
    static String answer(RemediationEvent event) {
        return event.phase() == RemediationPhase.SKIPPED && "rejected".equals(event.reason()) ? "rejected" : "approved";
    }

    static TimelineEntry command(RemediationCommand command, Instant at, RemediationView remediation) {
        String answer = command.type() == RemediationCommand.Type.APPROVE ? "approved" : "rejected";
        return new TimelineEntry(at, TimelineEntry.Kind.APPROVAL,
                answer + " by " + command.by() + (command.origin() == null ? "" : " (" + command.origin() + ")"),
                command.by(), facts("playbook", remediation == null ? null : remediation.playbook(),
                        "action", remediation == null ? null : remediation.action(),
                        "target", remediation == null ? null : remediation.targetKey(), "origin", command.origin(),
                        "remediation id", command.remediationId()));
    }

    static TimelineEntry page(NotificationEvent event) {
        String step = event.step() < 0 ? null : String.valueOf(event.step() + 1);
        String title = ("trigger".equals(event.action()) ? "paged " : event.action() + " to ")
                + (event.level() == null ? "" : "the " + event.level() + " ") + event.channel()
                + (event.recipient() == null ? "" : ": " + event.recipient())
                + (step == null ? "" : " (step " + step + ")") + ": " + event.outcome();
        return new TimelineEntry(event.occurredAt(), TimelineEntry.Kind.PAGE, title, AUTOMATION,
                facts("channel", event.channel(), "action", event.action(), "step", step, "level", event.level(),
                        "recipient", event.recipient(), "outcome", event.outcome().name(),
                        "attempt", String.valueOf(event.attempt()),
                        "http status", event.httpStatus() == 0 ? null : String.valueOf(event.httpStatus()),
                        "error", event.error()));
    }

    static TimelineEntry window(MaintenanceEvent event, MaintenanceWindow window) {
        String type = event.type().name().toLowerCase(Locale.ROOT);
        return new TimelineEntry(event.at(), TimelineEntry.Kind.WINDOW, "window " + event.windowId() + " " + type
                + (event.reason() == null ? "" : ": " + event.reason()),
                event.by() == null ? MaintenanceEvent.SCHEDULE : event.by(), windowFacts(event, window));
    }

    static Map<String, String> windowFacts(MaintenanceEvent event, MaintenanceWindow window) {
        return join(facts("window", event.windowId(), "event", event.type().name(), "reason", event.reason()),
                window == null ? Map.of() : windowFacts(window));
    }

    /**
     * That {@code window} was active when the incident started ({@code atStart}), or became active while it was open,
     * and what it holds: actions (automation off), pages (paging off), both or neither.
     */
    static TimelineEntry activeWindow(MaintenanceWindow window, Instant at, boolean atStart) {
        String holds = !window.automation() && !window.paging() ? "holds actions and pages"
                : !window.automation() ? "holds actions; pages go on"
                : !window.paging() ? "holds pages; actions go on" : "holds neither actions nor pages";
        return new TimelineEntry(at, TimelineEntry.Kind.WINDOW, "window " + window.id()
                + (window.reason() == null ? "" : " (" + window.reason() + ")")
                + (atStart ? " active when the incident started: " : " became active: ") + holds,
                window.createdBy() == null ? MaintenanceEvent.SCHEDULE : window.createdBy(),
                join(facts("window", window.id(), "reason", window.reason()), windowFacts(window)));
    }

    private static Map<String, String> join(Map<String, String> first, Map<String, String> then) {
        Map<String, String> facts = new LinkedHashMap<>(first);
        facts.putAll(then);
        return Collections.unmodifiableMap(facts);
    }

    private static Map<String, String> windowFacts(MaintenanceWindow window) {
        return facts("matchers", matchers(window),
                "starts", text(window.startsAt()), "ends", text(window.endsAt()),
                "automation", window.automation() ? "on" : "off", "paging", window.paging() ? "on" : "off");
    }

    static String matchers(MaintenanceWindow window) {
        return window.matchers().isEmpty() ? "every alert"
                : window.matchers().stream().map(TimelineEntries::matcher).collect(Collectors.joining(", "));
    }

    /** {@code name="value"}, {@code name!="value"}, {@code name=~"re"} or {@code name!~"re"}, as the console takes it. */
    static String matcher(WindowMatcher matcher) {
        String operator = (matcher.isEqual() ? "=" : "!") + (matcher.isRegex() ? "~" : matcher.isEqual() ? "" : "=");
        return matcher.name() + operator + "\"" + matcher.value() + "\"";
    }

    /** Facts from name-value pairs in order, leaving out null values. */
    static Map<String, String> facts(String... pairs) {
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                facts.put(pairs[i], pairs[i + 1]);
            }
        }
        return Collections.unmodifiableMap(facts);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

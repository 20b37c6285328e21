package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The incident state machine: TRIGGERED -> REMEDIATING -> (REMEDIATED | ESCALATED) -> ACKNOWLEDGED -> RESOLVED, and
 * the escalation timeline. Pure: every method takes the current version (or null) and "now", and answers a
 * {@link Transition} with the next version and the notifications to send; nothing is sent or stored here.
 *
 * <h2>When to page</h2>
 * <ul>
 *   <li>A firing alert opens a TRIGGERED incident and waits the <em>decision window</em> for a remediation event.
 *       None arrived by then: the alert is unhandled and escalates at once by its policy. The window exists because
 *       the remediation service reads the same alert in parallel: without it, "no playbook" and "playbook not yet
 *       evaluated" look the same.</li>
 *   <li>PLANNED, STARTED or SUCCEEDED (not in dry run) marks it handled: REMEDIATING, with the <em>remediation
 *       grace</em> as deadline; still firing at the deadline, it escalates.</li>
 *   <li>A PLANNED event in dry run means nothing will act: it escalates at once.</li>
 *   <li>FAILED or SKIPPED escalates at once. PENDING_APPROVAL pages the policy's approvers once per remediation.</li>
 *   <li>VERIFIED makes it REMEDIATED and sends the policy's informational message once; a page follows only if the
 *       alert is still firing when the grace ends.</li>
 *   <li>RESOLVED (alert, API or PagerDuty) stops everything and sends {@code resolve} to every target that was paged.</li>
 * </ul>
 *
 * <h2>Never twice</h2>
 * A step is sent only when {@code nextEscalationAt} is due; the same version that puts its notifications in the
 * outbox advances {@code step} and {@code nextEscalationAt}, so applying a tick, an alert or a remediation event a
 * second time (a redelivered record, a restart) finds nothing due and sends nothing. One-time messages are recorded
 * in {@code notices} in the version that sends them. Thread safe (stateless apart from its settings).
 */
public final class IncidentMachine {

    private final Supplier<PolicySet> policies;
    private final Duration decisionWindow;
    private final Duration defaultGrace;

    /**
     * @param policies the current policies (may change between calls, e.g. after a reload)
     * @param decisionWindow how long a new firing alert waits for a remediation event before it counts as unhandled
     * @param defaultGrace how long a handled alert may keep firing before it escalates, unless its policy says
     */
    public IncidentMachine(Supplier<PolicySet> policies, Duration decisionWindow, Duration defaultGrace) {
        this.policies = Objects.requireNonNull(policies);
        this.decisionWindow = Objects.requireNonNull(decisionWindow);
        this.defaultGrace = Objects.requireNonNull(defaultGrace);
    }

    /** The policy that routes {@code incident}: the one it was routed to when still loaded, else routed anew. */
    public Policy policyOf(Incident incident) {
        PolicySet set = policies.get();
        if (incident.policy() != null) {
            var named = set.byName(incident.policy());
            if (named.isPresent()) {
                return named.get();
            }
        }
        return set.route(incident.alertName(), incident.severity(), incident.labels());
    }

    // ---------------------------------------------------------------- alerts

    /** Applies an alert event to the incident of its fingerprint ({@code current} may be null). */
    public Transition onAlert(Incident current, AlertEvent alert, Instant now) {
        boolean reopen = current == null || current.state() == IncidentState.RESOLVED;
        if (current != null && current.lastAlertAt() != null && !alert.receivedAt().isAfter(current.lastAlertAt())) {
            return Transition.none(); // redelivered or older than what was applied
        }
        if (reopen) {
            if (!alert.firing()) {
                return Transition.none();
            }
            IncidentDraft draft = IncidentDraft.open(alert.fingerprint(), now);
            if (current != null) {
                draft.version = current.version();
            }
            describe(draft, alert);
            draft.policy = policies.get().route(alert.name(), alert.severity(), alert.labels()).name();
            draft.nextEscalationAt = now.plus(decisionWindow);
            return Transition.of(draft.build(now), List.of());
        }
        IncidentDraft draft = new IncidentDraft(current);
        boolean wasDescribed = current.alertName() != null && current.severity() != null && current.lastAlertAt() != null;
        describe(draft, alert);
        if (!wasDescribed && current.state() == IncidentState.TRIGGERED) {
            draft.policy = policies.get().route(alert.name(), alert.severity(), alert.labels()).name();
        }
        if (!alert.firing()) {
            return resolveDraft(draft, "alert", false, now);
        }
        return Transition.of(draft.build(now), List.of());
    }

    private static void describe(IncidentDraft draft, AlertEvent alert) {
        draft.alertName = alert.name();
        draft.severity = alert.severity();
        draft.summary = alert.summary() != null ? alert.summary() : draft.summary;
        draft.description = alert.description() != null ? alert.description() : draft.description;
        draft.runbookUrl = alert.runbookUrl() != null ? alert.runbookUrl() : draft.runbookUrl;
        draft.generatorUrl = alert.generatorUrl() != null ? alert.generatorUrl() : draft.generatorUrl;
        draft.startsAt = alert.startsAt() != null ? alert.startsAt() : draft.startsAt;
        draft.labels = alert.labels();
        draft.target = alert.target();
        draft.source = alert.source().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (draft.dedupKey == null) {
            draft.dedupKey = draft.source + ":" + alert.fingerprint();
        }
        draft.lastAlertAt = alert.receivedAt();
    }

    // ---------------------------------------------------------------- remediation events

    /** Applies a remediation event to the incident of its fingerprint ({@code current} may be null). */
    public Transition onRemediation(Incident current, RemediationEvent event, Instant now) {
        if (current != null && (current.state() == IncidentState.RESOLVED
                || event.occurredAt().isBefore(current.createdAt().minus(decisionWindow)))) {
            return Transition.none(); // for an incident that is over, or for an earlier occurrence of the alert
        }
        IncidentDraft draft;
        if (current == null) {
            // the remediation service was quicker than the alert reached us: open the incident from what it says
            draft = IncidentDraft.open(event.fingerprint(), now);
            draft.alertName = event.alertName();
            draft.target = event.target();
            draft.dedupKey = "alertpilot:" + event.fingerprint();
            draft.nextEscalationAt = now.plus(decisionWindow);
        } else {
            draft = new IncidentDraft(current);
        }
        String remediation = event.phase() + " " + nonNull(event.playbook()) + "/" + nonNull(event.action())
                + (event.reason() == null ? "" : " (" + event.reason() + ")") + (event.dryRun() ? " [dry run]" : "")
                + " event=" + event.eventId();
        if (remediation.equals(draft.lastRemediation) && current != null) {
            return Transition.none(); // the same news again: a redelivered record
        }
        draft.lastRemediation = remediation;
        IncidentState state = draft.state;
        boolean beforeEscalation = state == IncidentState.TRIGGERED || state == IncidentState.REMEDIATING
                || state == IncidentState.REMEDIATED;
        Policy policy = policyFor(draft);
        List<PendingNotification> send = new ArrayList<>();
        switch (event.phase()) {
            case PLANNED, STARTED, SUCCEEDED -> {
                if (event.dryRun() && event.phase() == RemediationPhase.PLANNED) {
                    if (state == IncidentState.TRIGGERED) {
                        return escalate(draft, policy, now, "remediation in dry run: " + remediation);
                    }
                } else if (state == IncidentState.TRIGGERED) {
                    draft.state = IncidentState.REMEDIATING;
                    draft.nextEscalationAt = now.plus(grace(policy));
                }
            }
            case PENDING_APPROVAL -> {
                if (state == IncidentState.TRIGGERED) {
                    draft.state = IncidentState.REMEDIATING;
                    draft.nextEscalationAt = now.plus(grace(policy));
                }
                String notice = "approval:" + event.remediationId();
                if (draft.state.open() && draft.state != IncidentState.ACKNOWLEDGED && !draft.notices.contains(notice)) {
                    draft.notices.add(notice);
                    for (Contact contact : policy.approvalContacts()) {
                        send.add(pending(draft, "approval:" + event.remediationId(), contact, "trigger", -1, 0, policy));
                    }
                }
            }
            case VERIFIED -> {
                if (state == IncidentState.TRIGGERED || state == IncidentState.REMEDIATING) {
                    draft.state = IncidentState.REMEDIATED;
                    if (state == IncidentState.TRIGGERED || draft.nextEscalationAt == null) {
                        draft.nextEscalationAt = now.plus(grace(policy));
                    }
                }
                if (!draft.notices.contains("info") && state != IncidentState.ACKNOWLEDGED) {
                    draft.notices.add("info");
                    for (Contact contact : policy.info()) {
                        send.add(pending(draft, "info", contact, "info", -1, 0, policy));
                    }
                }
            }
            case FAILED, SKIPPED -> {
                if (beforeEscalation) {
                    return escalate(draft, policy, now, remediation);
                }
            }
        }
        return finish(draft, send, now);
    }

    // ---------------------------------------------------------------- operators

    /**
     * Acknowledges: no further step is sent. The PagerDuty and Opsgenie targets already paged learn of it, except
     * PagerDuty itself when the acknowledgement came from there.
     */
    public Transition acknowledge(Incident current, String by, boolean fromPagerDuty, Instant now) {
        if (current == null) {
            return Transition.refused("unknown");
        }
        if (current.state() == IncidentState.RESOLVED) {
            return Transition.refused("resolved");
        }
        if (current.state() == IncidentState.ACKNOWLEDGED) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        draft.state = IncidentState.ACKNOWLEDGED;
        draft.acknowledgedAt = now;
        draft.acknowledgedBy = by;
        draft.nextEscalationAt = null;
        List<PendingNotification> send = new ArrayList<>();
        if (!draft.notices.contains("acknowledge")) {
            draft.notices.add("acknowledge");
            for (String key : draft.paged) {
                Contact contact = Contact.ofKey(key);
                if (ChannelNames.DEDUPLICATING.contains(contact.channel())
                        && !(fromPagerDuty && contact.channel().equals(ChannelNames.PAGERDUTY))) {
                    send.add(pending(draft, "ack", contact, "acknowledge", -1, 0, null));
                }
            }
        }
        return finish(draft, send, now);
    }

    /** Resolves: nothing more is sent but {@code resolve} to every target that was paged. */
    public Transition resolve(Incident current, String by, boolean fromPagerDuty, Instant now) {
        if (current == null) {
            return Transition.refused("unknown");
        }
        if (current.state() == IncidentState.RESOLVED) {
            return Transition.none();
        }
        return resolveDraft(new IncidentDraft(current), by, fromPagerDuty, now);
    }

    private Transition resolveDraft(IncidentDraft draft, String by, boolean fromPagerDuty, Instant now) {
        draft.state = IncidentState.RESOLVED;
        draft.resolvedAt = now;
        draft.resolvedBy = by;
        draft.nextEscalationAt = null;
        List<PendingNotification> send = new ArrayList<>();
        if (!draft.notices.contains("resolve")) {
            draft.notices.add("resolve");
            for (String key : draft.paged) {
                Contact contact = Contact.ofKey(key);
                if (!(fromPagerDuty && contact.channel().equals(ChannelNames.PAGERDUTY))) {
                    send.add(pending(draft, "resolve", contact, "resolve", -1, 0, null));
                }
            }
        }
        return finish(draft, send, now);
    }

    // ---------------------------------------------------------------- time

    /**
     * Fires what is due at {@code now}: the end of the decision window or the remediation grace (escalation starts),
     * or the next escalation steps. Nothing is due: no change.
     */
    public Transition tick(Incident current, Instant now) {
        if (current == null || current.nextEscalationAt() == null || current.nextEscalationAt().isAfter(now)) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        Policy policy = policyFor(draft);
        return switch (current.state()) {
            case TRIGGERED -> escalate(draft, policy, now, "no remediation within the decision window");
            case REMEDIATING, REMEDIATED -> escalate(draft, policy, now, "still firing after the remediation grace");
            case ESCALATED -> {
                List<PendingNotification> send = new ArrayList<>();
                fireDueSteps(draft, policy, now, send);
                yield finish(draft, send, now);
            }
            case ACKNOWLEDGED, RESOLVED -> {
                draft.nextEscalationAt = null;
                yield finish(draft, List.of(), now);
            }
        };
    }

    private Transition escalate(IncidentDraft draft, Policy policy, Instant now, String why) {
        draft.state = IncidentState.ESCALATED;
        draft.policy = policy.name();
        draft.escalatedAt = now;
        draft.step = -1;
        draft.repeat = 0;
        draft.nextEscalationAt = now.plus(policy.steps().getFirst().after());
        if (draft.lastRemediation == null) {
            draft.lastRemediation = why;
        }
        List<PendingNotification> send = new ArrayList<>();
        fireDueSteps(draft, policy, now, send);
        return finish(draft, send, now);
    }

    /** Sends every step due at {@code now}, each once, and sets when the following one is due. */
    private void fireDueSteps(IncidentDraft draft, Policy policy, Instant now, List<PendingNotification> send) {
        List<Step> steps = policy.steps();
        while (draft.nextEscalationAt != null && !draft.nextEscalationAt.isAfter(now)) {
            Instant due = draft.nextEscalationAt;
            int step = draft.step + 1;
            int repeat = draft.repeat;
            if (step >= steps.size()) {
                if (repeat >= policy.repeat()) {
                    draft.nextEscalationAt = null;
                    return;
                }
                step = 0;
                repeat++;
            }
            for (Contact contact : steps.get(step).contacts()) {
                send.add(pending(draft, "r" + repeat + "s" + step, contact, "trigger", step, repeat, policy));
            }
            draft.step = step;
            draft.repeat = repeat;
            if (step + 1 < steps.size()) {
                draft.nextEscalationAt = due.plus(steps.get(step + 1).after().minus(steps.get(step).after()));
            } else if (repeat < policy.repeat()) {
                draft.nextEscalationAt = due.plus(policy.repeatInterval()).plus(steps.getFirst().after());
            } else {
                draft.nextEscalationAt = null;
            }
        }
    }

    // ---------------------------------------------------------------- deliveries

    /**
     * Records the end of one send: removes it from the outbox; a delivered trigger adds its target to {@code paged}.
     * When the incident was acknowledged or resolved while the trigger was on its way, that target is told at once.
     *
     * @param deliveredTo the contact that received it ({@code channel:to}, possibly the fallback), or null when
     *     nothing was delivered
     */
    public Transition delivered(Incident current, PendingNotification notification, Contact deliveredTo, Instant now) {
        if (current == null || current.outbox().stream().noneMatch(n -> n.id().equals(notification.id()))) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        draft.outbox.removeIf(n -> n.id().equals(notification.id()));
        List<PendingNotification> send = new ArrayList<>();
        if (deliveredTo != null && notification.action().equals("trigger") && !draft.paged.contains(deliveredTo.key())) {
            draft.paged.add(deliveredTo.key());
            if (draft.state == IncidentState.RESOLVED) {
                send.add(pending(draft, "resolve", deliveredTo, "resolve", -1, 0, null));
            } else if (draft.state == IncidentState.ACKNOWLEDGED
                    && ChannelNames.DEDUPLICATING.contains(deliveredTo.channel())) {
                send.add(pending(draft, "ack", deliveredTo, "acknowledge", -1, 0, null));
            }
        }
        return finish(draft, send, now);
    }

    /**
     * After a restart or a partition move: what to do with outbox entries whose send was decided but not confirmed.
     * Entries for a deduplicating channel (PagerDuty, Opsgenie) are sent again: the provider keeps one alert per
     * key, so a second identical event pages nobody twice. The others are abandoned unsent: sending them again could
     * notify twice, and "never twice" wins over "at least once" for a chat message. Entries in {@code inFlight}
     * (still being sent by this process) are left alone.
     */
    public Transition recover(Incident current, Set<String> inFlight, Instant now) {
        if (current == null || current.outbox().isEmpty()) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        List<PendingNotification> resend = new ArrayList<>();
        List<PendingNotification> abandoned = new ArrayList<>();
        for (PendingNotification pending : current.outbox()) {
            if (inFlight.contains(current.id() + "/" + pending.id())) {
                continue;
            }
            if (ChannelNames.DEDUPLICATING.contains(pending.channel())) {
                resend.add(pending);
            } else {
                abandoned.add(pending);
                draft.outbox.remove(pending);
            }
        }
        if (resend.isEmpty() && abandoned.isEmpty()) {
            return Transition.none();
        }
        Incident next = abandoned.isEmpty() ? current : draft.build(now);
        return new Transition(abandoned.isEmpty() ? null : next, resend, abandoned, null);
    }

    // ---------------------------------------------------------------- helpers

    private Transition finish(IncidentDraft draft, List<PendingNotification> send, Instant now) {
        draft.outbox.addAll(send);
        return Transition.of(draft.build(now), send);
    }

    private Policy policyFor(IncidentDraft draft) {
        PolicySet set = policies.get();
        if (draft.policy != null) {
            var named = set.byName(draft.policy);
            if (named.isPresent()) {
                return named.get();
            }
        }
        return set.route(draft.alertName, draft.severity, draft.labels);
    }

    private Duration grace(Policy policy) {
        return policy.remediationGrace() != null ? policy.remediationGrace() : defaultGrace;
    }

    private static PendingNotification pending(IncidentDraft draft, String prefix, Contact contact, String action,
            int step, int repeat, Policy policy) {
        String id = prefix + ":" + contact.key();
        Contact fallback = policy == null ? null : policy.fallback();
        if (fallback != null && fallback.equals(contact)) {
            fallback = null;
        }
        // one id per decision: a second decision with the same id (e.g. a resolve after a late trigger) gets a suffix
        String unique = id;
        for (int n = 2; containsId(draft, unique); n++) {
            unique = id + "#" + n;
        }
        return new PendingNotification(unique, contact.channel(), contact.to(), action, step, repeat,
                fallback == null ? null : fallback.channel(), fallback == null ? null : fallback.to());
    }

    private static boolean containsId(IncidentDraft draft, String id) {
        return draft.outbox.stream().anyMatch(n -> n.id().equals(id));
    }

    private static String nonNull(String value) {
        return value == null ? "-" : value;
    }
}

package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The incident state machine: TRIGGERED -> REMEDIATING -> (REMEDIATED | ESCALATED) -> ACKNOWLEDGED -> RESOLVED, and
 * the escalation timeline. Pure: every method takes the current version (or null) and "now", and answers a
 * {@link Transition} with the next version and the notifications to send; nothing is sent or stored here. Each kind
 * of event has its own class: alerts, remediation events, operators, time, and the end of sends.
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
 * <h2>Either order</h2>
 * An alert and its remediation events come on two topics, with no order between them. An event read before its
 * alert is held in the incident it opens ({@link Incident#heldRemediations()}, durable with it) and sends nothing:
 * without the alert's labels and severity the incident has no policy of its own. The alert then routes the incident
 * and the held events are applied in the order they came, so the pages are those of the records in order. An alert
 * that does not come within the decision window: the incident escalates by what is known (its alert name; the
 * default policy for most), and its pages say so.
 *
 * <h2>Never twice</h2>
 * A step is sent only when {@code nextEscalationAt} is due; the same version that puts its notifications in the
 * outbox advances {@code step} and {@code nextEscalationAt}, so applying a tick, an alert or a remediation event a
 * second time (a redelivered record, a restart) finds nothing due and sends nothing. One-time messages are recorded
 * in {@code notices} in the version that sends them. The policy's service levels ({@code ackWithin},
 * {@code resolveWithin}, {@code updateEvery}) and grouping ({@code group}, {@code groupBy}) are applied here too.
 * Thread safe (stateless apart from its settings).
 */
public final class IncidentMachine {

    /** How {@code resolvedBy} of an incident that handed its held events to a group's incident begins. */
    private static final String HANDED_OVER = "group:";

    private final Routing routing;
    private final AlertHandling alerts;
    private final RemediationHandling remediations;
    private final OperatorHandling operators;
    private final EscalationTiming timing;
    private final DeliveryOutcomes deliveries;

    /**
     * @param policies the current policies (may change between calls, e.g. after a reload)
     * @param decisionWindow how long a new firing alert waits for a remediation event before it counts as unhandled
     * @param defaultGrace how long a handled alert may keep firing before it escalates, unless its policy says
     */
    public IncidentMachine(Supplier<PolicySet> policies, Duration decisionWindow, Duration defaultGrace) {
        this(policies, decisionWindow, defaultGrace, MaintenanceWindows.NONE);
    }

    /**
     * A machine whose escalation steps are held while a maintenance window with {@code paging: false} covers the
     * incident, and sent at the first tick after it ends if the incident is still open.
     *
     * @param windows the maintenance windows known now (may change between calls)
     */
    public IncidentMachine(Supplier<PolicySet> policies, Duration decisionWindow, Duration defaultGrace,
            MaintenanceWindows windows) {
        this.routing = new Routing(policies, decisionWindow, defaultGrace);
        ServiceLevels levels = new ServiceLevels();
        this.operators = new OperatorHandling(levels);
        this.timing = new EscalationTiming(routing, windows, levels);
        this.alerts = new AlertHandling(routing, operators, levels);
        this.remediations = new RemediationHandling(routing, timing);
        this.deliveries = new DeliveryOutcomes();
    }

    /** The policy that routes {@code incident}: the one it was routed to when still loaded, else routed anew. */
    public Policy policyOf(Incident incident) {
        return routing.policy(incident.policy(), incident.alertName(), incident.severity(), incident.labels(),
                incident.priority());
    }

    /**
     * The id of the incident {@code alert} belongs to: its group's when its policy groups alerts ({@code group} or
     * {@code groupBy}) and the alert has a group, else its fingerprint.
     */
    public String incidentId(AlertEvent alert) {
        return alerts.incidentId(alert);
    }

    /**
     * The id of the incident a remediation event for {@code fingerprint} belongs to: the incident among
     * {@code known} (in any order) that lists the fingerprint among its grouped alerts, an open one first and the
     * newest of several, else the fingerprint. One pass over {@code known}, nothing sorted.
     */
    public static String incidentIdOf(String fingerprint, Collection<Incident> known) {
        Incident found = null;
        for (Incident incident : known) {
            if (incident.alerts().stream().anyMatch(a -> a.fingerprint().equals(fingerprint))
                    && (found == null || preferred(incident, found))) {
                found = incident;
            }
        }
        return found == null ? fingerprint : found.id();
    }

    private static boolean preferred(Incident candidate, Incident found) {
        if (candidate.state().open() != found.state().open()) {
            return candidate.state().open();
        }
        return candidate.createdAt().isAfter(found.createdAt());
    }

    /** Applies an alert event to its incident, the one of {@link #incidentId} ({@code current} may be null). */
    public Transition onAlert(Incident current, AlertEvent alert, Instant now) {
        Transition opened = alerts.onAlert(current, alert, now);
        if (current == null || !RemediationHandling.awaitsAlert(current) || !opened.changed()) {
            return opened;
        }
        return remediations.replay(opened, current.heldRemediations(), now);
    }

    /**
     * Applies to {@code group}, the incident of an alert's group, the remediation events {@code waiting} holds: the
     * incident such an event opened under the alert's fingerprint before the alert came and joined the group. They
     * are applied in the order they came, by the group's policy. No change when nothing applies.
     */
    public Transition adoptHeld(Incident group, Incident waiting, Instant now) {
        if (group == null || waiting == null || waiting.heldRemediations().isEmpty()) {
            return Transition.none();
        }
        Transition adopted = remediations.replay(Transition.of(group, List.of()), waiting.heldRemediations(), now);
        return adopted.incident() == group ? Transition.none() : adopted;
    }

    /**
     * Closes {@code waiting} once its held events {@code adopted} went to the group's incident {@code groupId}:
     * resolved by {@code group:<groupId>}, nothing sent (nothing was). Events held since stay, and wait on.
     */
    public Transition handedOver(Incident waiting, List<RemediationEvent> adopted, String groupId, Instant now) {
        if (waiting == null || !RemediationHandling.awaitsAlert(waiting) || adopted.isEmpty()) {
            return Transition.none();
        }
        return remediations.handedOver(waiting, adopted, HANDED_OVER + groupId, now);
    }

    /**
     * The id of the group's incident {@code incident} handed its held events over to ({@link #handedOver}), or null
     * when it was not closed that way.
     */
    public static String handedOverTo(Incident incident) {
        String by = incident == null ? null : incident.resolvedBy();
        return by != null && by.startsWith(HANDED_OVER) ? by.substring(HANDED_OVER.length()) : null;
    }

    /** Applies a remediation event to the incident of its fingerprint ({@code current} may be null). */
    public Transition onRemediation(Incident current, RemediationEvent event, Instant now) {
        return remediations.onRemediation(current, event, now);
    }

    /**
     * Acknowledges: no further step is sent. The PagerDuty and Opsgenie targets already paged learn of it, except
     * PagerDuty itself when the acknowledgement came from there. Refused for an unknown or resolved incident.
     */
    public Transition acknowledge(Incident current, String by, boolean fromPagerDuty, Instant now) {
        return operators.acknowledge(current, by, fromPagerDuty, now);
    }

    /** Resolves: nothing more is sent but {@code resolve} to every target that was paged. */
    public Transition resolve(Incident current, String by, boolean fromPagerDuty, Instant now) {
        return operators.resolve(current, by, fromPagerDuty, now);
    }

    /**
     * Fires what is due at {@code now}: the end of the decision window or the remediation grace (escalation starts),
     * or the next escalation steps. Nothing is due: no change.
     */
    public Transition tick(Incident current, Instant now) {
        if (current != null && RemediationHandling.awaitsAlert(current) && !current.heldRemediations().isEmpty()
                && current.nextEscalationAt() != null && !current.nextEscalationAt().isAfter(now)) {
            return remediations.alertMissing(current, now);
        }
        return timing.tick(current, now);
    }

    /**
     * Records the end of one send: removes it from the outbox; a delivered trigger adds its target to {@code paged}.
     * When the incident was acknowledged or resolved while the trigger was on its way, that target is told at once.
     *
     * @param deliveredTo the contact that received it ({@code channel:to}, possibly the fallback), or null when
     *     nothing was delivered
     */
    public Transition delivered(Incident current, PendingNotification notification, Contact deliveredTo, Instant now) {
        return deliveries.delivered(current, notification, deliveredTo, now);
    }

    /**
     * After a restart or a partition move: what to do with outbox entries whose send was decided but not confirmed.
     * Entries for a deduplicating channel (PagerDuty, Opsgenie) are sent again: the provider keeps one alert per
     * key, so a second identical event pages nobody twice. The others are abandoned unsent: sending them again could
     * notify twice, and "never twice" wins over "at least once" for a chat message. Entries in {@code inFlight}
     * ({@code incidentId/notificationId}, still being sent by this process) are left alone.
     */
    public Transition recover(Incident current, Set<String> inFlight, Instant now) {
        return deliveries.recover(current, inFlight, now);
    }
}

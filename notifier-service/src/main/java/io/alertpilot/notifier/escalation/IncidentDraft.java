package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.GroupedAlert;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentSla;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.incident.SlaBreach;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A mutable copy of an {@link Incident}, for building the next version. Not thread safe; used inside one transition. */
final class IncidentDraft {

    String id;
    String fingerprint;
    IncidentState state;
    String alertName;
    Severity severity;
    String summary;
    Map<String, String> labels;
    Target target;
    String policy;
    int step;
    int repeat;
    Instant nextEscalationAt;
    Instant createdAt;
    Instant updatedAt;
    Instant acknowledgedAt;
    String acknowledgedBy;
    Instant resolvedAt;
    String lastRemediation;
    long version;
    String source;
    String dedupKey;
    Instant lastAlertAt;
    Instant escalatedAt;
    List<PendingNotification> outbox;
    List<String> paged;
    List<String> notices;
    String resolvedBy;
    String description;
    String runbookUrl;
    String generatorUrl;
    Instant startsAt;
    String priority;
    String groupKey;
    List<GroupedAlert> alerts;
    Instant ackDueAt;
    Instant resolveDueAt;
    Instant nextUpdateAt;
    int updates;
    List<SlaBreach> breaches;
    Diagnosis diagnosis;
    List<RemediationEvent> heldRemediations;

    IncidentDraft(Incident incident) {
        id = incident.id();
        fingerprint = incident.fingerprint();
        state = incident.state();
        alertName = incident.alertName();
        severity = incident.severity();
        summary = incident.summary();
        labels = incident.labels();
        target = incident.target();
        policy = incident.policy();
        step = incident.step();
        repeat = incident.repeat();
        nextEscalationAt = incident.nextEscalationAt();
        createdAt = incident.createdAt();
        updatedAt = incident.updatedAt();
        acknowledgedAt = incident.acknowledgedAt();
        acknowledgedBy = incident.acknowledgedBy();
        resolvedAt = incident.resolvedAt();
        lastRemediation = incident.lastRemediation();
        version = incident.version();
        source = incident.source();
        dedupKey = incident.dedupKey();
        lastAlertAt = incident.lastAlertAt();
        escalatedAt = incident.escalatedAt();
        outbox = new ArrayList<>(incident.outbox());
        paged = new ArrayList<>(incident.paged());
        notices = new ArrayList<>(incident.notices());
        resolvedBy = incident.resolvedBy();
        description = incident.description();
        runbookUrl = incident.runbookUrl();
        generatorUrl = incident.generatorUrl();
        startsAt = incident.startsAt();
        priority = incident.priority();
        groupKey = incident.groupKey();
        alerts = new ArrayList<>(incident.alerts());
        IncidentSla sla = incident.sla();
        ackDueAt = sla.ackDueAt();
        resolveDueAt = sla.resolveDueAt();
        nextUpdateAt = sla.nextUpdateAt();
        updates = sla.updates();
        breaches = new ArrayList<>(sla.breaches());
        diagnosis = incident.diagnosis();
        heldRemediations = new ArrayList<>(incident.heldRemediations());
    }

    /** A new incident for {@code fingerprint}, TRIGGERED, nothing sent. */
    static IncidentDraft open(String fingerprint, Instant now) {
        return open(fingerprint, fingerprint, now);
    }

    /** A new incident {@code id} (a group's, or the fingerprint), TRIGGERED, nothing sent. */
    static IncidentDraft open(String id, String fingerprint, Instant now) {
        return new IncidentDraft(new Incident(Incident.SCHEMA_VERSION, id, fingerprint, IncidentState.TRIGGERED,
                null, null, null, Map.of(), Target.NONE, null, -1, 0, null, now, now, null, null, null, null, 0,
                null, null, null, null, List.of(), List.of(), List.of(), null, null, null, null, null, null, null,
                null, null, null, null));
    }

    Incident build(Instant now) {
        return new Incident(Incident.SCHEMA_VERSION, id, fingerprint, state, alertName, severity, summary, labels,
                target, policy, step, repeat, nextEscalationAt, createdAt, now, acknowledgedAt, acknowledgedBy,
                resolvedAt, lastRemediation, version + 1, source, dedupKey, lastAlertAt, escalatedAt, outbox, paged,
                notices, resolvedBy, description, runbookUrl, generatorUrl, startsAt, priority, groupKey, alerts,
                new IncidentSla(ackDueAt, resolveDueAt, nextUpdateAt, updates, breaches), diagnosis, heldRemediations);
    }

    /** The transition to the version this draft describes, with {@code send} added to its outbox and sent now. */
    Transition finish(List<PendingNotification> send, Instant now) {
        outbox.addAll(send);
        return Transition.of(build(now), send);
    }

    /**
     * A notification to {@code contact}, identified by {@code prefix} and the contact; one id per decision, so a second
     * decision with the same id (e.g. a resolve after a late trigger) gets a suffix. The policy's fallback, when it is
     * another contact, receives it if {@code contact} cannot.
     *
     * @param policy the policy whose fallback applies, or null for none
     */
    PendingNotification pending(String prefix, Contact contact, String action, int step, int repeat, Policy policy) {
        return pending(prefix, contact, action, step, repeat, policy, null, null);
    }

    /** {@link #pending(String, Contact, String, int, int, Policy)} with the step's level and a note. */
    PendingNotification pending(String prefix, Contact contact, String action, int step, int repeat, Policy policy,
            String level, String note) {
        String id = prefix + ":" + contact.key();
        Contact fallback = policy == null ? null : policy.fallback();
        if (fallback != null && fallback.equals(contact)) {
            fallback = null;
        }
        String unique = id;
        for (int n = 2; containsId(unique); n++) {
            unique = id + "#" + n;
        }
        return new PendingNotification(unique, contact.channel(), contact.to(), action, step, repeat,
                fallback == null ? null : fallback.channel(), fallback == null ? null : fallback.to(), null, level,
                note);
    }

    private boolean containsId(String notificationId) {
        return outbox.stream().anyMatch(n -> n.id().equals(notificationId));
    }
}

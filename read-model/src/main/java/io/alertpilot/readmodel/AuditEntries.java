package io.alertpilot.readmodel;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.Locale;

/** The audit entry of each command and decision, for people, with the key that makes it recorded once. Pure. */
final class AuditEntries {

    static final String DECISION = "decision";
    static final String APPROVAL = "approval";
    static final String ACKNOWLEDGEMENT = "acknowledgement";
    static final String RESOLUTION = "resolution";
    static final String WINDOW = "window";

    /** An audit entry and the key under which it is recorded once. */
    record Keyed(String key, AuditEntry entry) {
    }

    private AuditEntries() {
    }

    /** True for the phases that are remediation's decisions: a plan, a wait for approval, a skip. */
    static boolean decision(RemediationPhase phase) {
        return phase == RemediationPhase.PLANNED || phase == RemediationPhase.PENDING_APPROVAL
                || phase == RemediationPhase.SKIPPED;
    }

    static Keyed decision(RemediationEvent event) {
        String summary = event.playbook() + ": " + event.action() + " on " + event.key() + " " + event.phase()
                + (event.reason() == null ? "" : " (" + event.reason() + ")");
        return new Keyed(DECISION + "/" + event.eventId(), new AuditEntry(event.occurredAt(), DECISION,
                event.remediationId(), event.by() == null ? TimelineEntries.AUTOMATION : event.by(), summary,
                TimelineEntries.remediationFacts(event, null)));
    }

    /** The approval or rejection recorded with an event that has a {@code by}; once per remediation and person. */
    static Keyed approval(RemediationEvent event) {
        return new Keyed(approvalKey(event.remediationId(), event.by()), new AuditEntry(event.occurredAt(), APPROVAL,
                event.remediationId(), event.by(), TimelineEntries.answer(event) + " " + event.action() + " on "
                        + event.key(),
                TimelineEntries.facts("playbook", event.playbook(), "action", event.action(), "target", event.key(),
                        "remediation id", event.remediationId())));
    }

    static Keyed command(RemediationCommand command, Instant at) {
        String answer = command.type() == RemediationCommand.Type.APPROVE ? "approved" : "rejected";
        return new Keyed(approvalKey(command.remediationId(), command.by()), new AuditEntry(at, APPROVAL,
                command.remediationId(), command.by(), answer + " remediation " + command.remediationId()
                        + (command.origin() == null ? "" : " in " + command.origin()),
                TimelineEntries.facts("answer", command.type().name(), "origin", command.origin(),
                        "remediation id", command.remediationId())));
    }

    static String approvalKey(String remediationId, String by) {
        return APPROVAL + "/" + remediationId + "/" + by;
    }

    static Keyed acknowledgement(Incident incident) {
        String by = incident.acknowledgedBy() == null ? "unknown" : incident.acknowledgedBy();
        return new Keyed(ACKNOWLEDGEMENT + "/" + incident.id() + "/" + incident.acknowledgedAt(),
                new AuditEntry(incident.acknowledgedAt(), ACKNOWLEDGEMENT, incident.id(), by,
                        "acknowledged " + incident.alertName(), incidentFacts(incident)));
    }

    static Keyed resolution(Incident incident) {
        String by = incident.resolvedBy() == null ? TimelineEntries.AUTOMATION : incident.resolvedBy();
        return new Keyed(RESOLUTION + "/" + incident.id() + "/" + incident.resolvedAt(),
                new AuditEntry(incident.resolvedAt(), RESOLUTION, incident.id(), by,
                        "resolved " + incident.alertName(), incidentFacts(incident)));
    }

    private static java.util.Map<String, String> incidentFacts(Incident incident) {
        return TimelineEntries.facts("alert", incident.alertName(), "severity",
                incident.severity() == null ? null : incident.severity().name(), "target", incident.target().key(),
                "summary", incident.summary());
    }

    static Keyed window(MaintenanceEvent event) {
        String by = event.by() == null ? MaintenanceEvent.SCHEDULE : event.by();
        String summary = event.type().name().toLowerCase(Locale.ROOT) + " window " + event.windowId()
                + (event.reason() == null ? "" : ": " + event.reason());
        return new Keyed(WINDOW + "/" + event.eventId(), new AuditEntry(event.at(), WINDOW, event.windowId(), by,
                summary, TimelineEntries.windowFacts(event, event.window())));
    }
}

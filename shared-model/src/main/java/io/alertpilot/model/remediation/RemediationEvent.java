package io.alertpilot.model.remediation;

import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One step in the life of a remediation action; the value on {@code alertpilot.remediations.v1}, keyed by
 * {@link Target#key()}.
 *
 * @param remediationId identifies one action run for one alert occurrence; every phase of that run shares it
 * @param alertEventId the {@code eventId} of the alert that caused it
 * @param fingerprint the alert's fingerprint, which ties the remediation to the notifier's incident
 * @param action the action type ({@code restart}, {@code scale}, ..., or {@code none} when no action was chosen)
 * @param parameters the action's parameters after template substitution
 * @param reason for SKIPPED the guard's name ({@code cooldown}, {@code circuit-open}, ...), for FAILED the cause
 * @param by the operator whose command this event follows (approved or rejected by), or null when no human decided
 * @param deadline for PENDING_APPROVAL, when the request times out; for the PLANNED and STARTED of a ladder step that
 *     acts, when the step is judged (still firing or cleared) at the latest: its verifications, holdFor and the lock's
 *     TTL from when it started; otherwise null
 * @param step the 1-based step of a playbook's ladder ({@code steps}) this event belongs to; null for a playbook
 *     without steps and for events of no step
 * @param diagnosis what a read-only {@code diagnose} gathered about the target (pods, events, log tail, rollouts);
 *     null when nothing was gathered
 */
public record RemediationEvent(
        int schemaVersion,
        String eventId,
        String remediationId,
        String alertEventId,
        String fingerprint,
        String alertName,
        String playbook,
        String action,
        Map<String, String> parameters,
        Target target,
        RemediationPhase phase,
        String reason,
        String message,
        boolean dryRun,
        Instant occurredAt,
        String by,
        Instant deadline,
        Integer step,
        Diagnosis diagnosis) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public RemediationEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(remediationId, "remediationId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(occurredAt, "occurredAt");
        target = target == null ? Target.NONE : target;
        parameters = parameters == null ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }

    /** An event of no ladder step and without a diagnosis (the shape before {@code step} and {@code diagnosis}). */
    public RemediationEvent(int schemaVersion, String eventId, String remediationId, String alertEventId,
            String fingerprint, String alertName, String playbook, String action, Map<String, String> parameters,
            Target target, RemediationPhase phase, String reason, String message, boolean dryRun, Instant occurredAt,
            String by, Instant deadline) {
        this(schemaVersion, eventId, remediationId, alertEventId, fingerprint, alertName, playbook, action, parameters,
                target, phase, reason, message, dryRun, occurredAt, by, deadline, null, null);
    }

    /** An event no operator command led to and with no deadline (the shape before {@code by} and {@code deadline}). */
    public RemediationEvent(int schemaVersion, String eventId, String remediationId, String alertEventId,
            String fingerprint, String alertName, String playbook, String action, Map<String, String> parameters,
            Target target, RemediationPhase phase, String reason, String message, boolean dryRun, Instant occurredAt) {
        this(schemaVersion, eventId, remediationId, alertEventId, fingerprint, alertName, playbook, action, parameters,
                target, phase, reason, message, dryRun, occurredAt, null, null, null, null);
    }

    /** The Kafka key: the target's key. */
    public String key() {
        return target.key();
    }
}

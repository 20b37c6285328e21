package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.playbook.Playbook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

/**
 * Tells the world every step of a remediation: each {@link RemediationEvent} goes to the sink (and is acknowledged
 * there), then to {@code local} (this replica's read model, so a read here sees it at once), to the metrics and to
 * the log. The events that follow an operator's decision, emitted
 * inside {@link #decided}, carry who decided ({@link RemediationEvent#by()}); those emitted inside {@link #inStep} carry
 * their ladder step. Thread safe.
 */
public final class RemediationReporter {

    private static final Logger log = LoggerFactory.getLogger(RemediationReporter.class);
    /** The operator whose decision the current thread is carrying out, while {@link #decided} runs. */
    private static final ThreadLocal<Decision> DECISION = new ThreadLocal<>();
    /** The ladder step whose events the current thread emits, while {@link #inStep} runs. */
    private static final ThreadLocal<Integer> STEP = new ThreadLocal<>();

    private final EventSink sink;
    private final EventSink local;
    private final RemediationMetrics metrics;
    private final Clock clock;
    private final PageDiagnosis diagnoses;

    /**
     * A reporter that attaches no diagnosis before pages.
     *
     * @param sink where the events are stored (the remediations topic)
     * @param local where each stored event is shown at once on this replica (the read model), or a no-op
     */
    public RemediationReporter(EventSink sink, EventSink local, RemediationMetrics metrics, Clock clock) {
        this(sink, local, metrics, clock, PageDiagnosis.NONE);
    }

    /** @param diagnoses the diagnosis an event that pages carries ({@code diagnose: true}) */
    public RemediationReporter(EventSink sink, EventSink local, RemediationMetrics metrics, Clock clock,
            PageDiagnosis diagnoses) {
        this.sink = sink;
        this.local = local;
        this.metrics = metrics;
        this.clock = clock;
        this.diagnoses = diagnoses;
    }

    /**
     * Publishes one step of {@code action}.
     *
     * @throws RuntimeException when the sink cannot store the event in time
     */
    void emit(String id, AlertEvent alert, String playbook, Action action, ResolvedTarget target,
            RemediationPhase phase, String reason, String message, boolean dryRun) {
        emit(id, alert, playbook, action.type().yamlName(), action.parameters(), target, phase, reason, message, dryRun);
    }

    /** Publishes one step of an action known by name only (a playbook that is gone, a plan that never formed). */
    void emit(String id, AlertEvent alert, String playbook, String action, Map<String, String> parameters,
            ResolvedTarget target, RemediationPhase phase, String reason, String message, boolean dryRun) {
        emit(id, alert, playbook, action, parameters, target, phase, reason, message, dryRun, null);
    }

    /** Publishes the SUCCEEDED step of {@code action}, with the diagnosis a {@code diagnose} gathered. */
    void succeeded(String id, AlertEvent alert, String playbook, Action action, ResolvedTarget target,
            ActionResult.Done done) {
        emit(id, alert, playbook, action.type().yamlName(), action.parameters(), target, RemediationPhase.SUCCEEDED,
                null, done.message(), false, null, done.diagnosis());
    }

    /** Publishes one step that carries a {@code deadline} (PENDING_APPROVAL: when the request times out), or null. */
    void emit(String id, AlertEvent alert, String playbook, String action, Map<String, String> parameters,
            ResolvedTarget target, RemediationPhase phase, String reason, String message, boolean dryRun,
            Instant deadline) {
        emit(id, alert, playbook, action, parameters, target, phase, reason, message, dryRun, deadline, null);
    }

    /**
     * Publishes one step with {@code diagnosis}; when null and the event pages a human, the diagnosis the playbook
     * asks for ({@code diagnose: true}) is gathered first.
     */
    private void emit(String id, AlertEvent alert, String playbook, String action, Map<String, String> parameters,
            ResolvedTarget target, RemediationPhase phase, String reason, String message, boolean dryRun,
            Instant deadline, Diagnosis diagnosis) {
        emit(id, alert, playbook, action, parameters, target, phase, reason, message, dryRun, deadline, diagnosis,
                dryRun && phase == RemediationPhase.PLANNED ? Level.DEBUG : Level.INFO);
    }

    /**
     * Publishes one step and logs it at {@code level}: DEBUG for the events whose decision has a line of its own at
     * INFO (the skips of {@link #skipAll}, a dry run's plan), so that a storm logs one line per decision at INFO.
     */
    private void emit(String id, AlertEvent alert, String playbook, String action, Map<String, String> parameters,
            ResolvedTarget target, RemediationPhase phase, String reason, String message, boolean dryRun,
            Instant deadline, Diagnosis diagnosis, Level level) {
        Decision decision = DECISION.get();
        Diagnosis attached = diagnosis != null ? diagnosis : diagnoses.before(playbook, target, phase, reason);
        RemediationEvent event = new RemediationEvent(RemediationEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), id,
                alert.eventId(), alert.fingerprint(), alert.name(), playbook, action, parameters,
                target.toTarget(alert.target()), phase, reason, decision == null ? message : decision.told(message),
                dryRun, clock.instant(), decision == null ? null : decision.by(), deadline, STEP.get(), attached);
        sink.publish(event);
        local.publish(event);
        metrics.phase(action, phase);
        if (log.isEnabledForLevel(level)) {
            log.atLevel(level).log("remediation {} {} {} {}{}", id, phase, action, describe(target),
                    reason == null ? "" : " (" + reason + ")");
        }
    }

    /**
     * SKIPPED events for the actions of {@code planned} from index {@code from}; the first keeps {@code firstId}. One
     * line at INFO says why (each event's own line is DEBUG).
     */
    void skipAll(Plan.Planned planned, AlertEvent alert, int from, String reason, String message, String firstId,
            boolean dryRun) {
        for (int i = from; i < planned.actions().size(); i++) {
            Action action = planned.actions().get(i);
            String id = i == from && firstId != null ? firstId : newId();
            emit(id, alert, planned.playbook().name(), action.type().yamlName(), action.parameters(), planned.target(),
                    RemediationPhase.SKIPPED, reason, message, dryRun, null, null, Level.DEBUG);
        }
        log.info("playbook {} skipped for {}: {} ({})", planned.playbook().name(), describe(planned.target()), reason,
                message);
    }

    /**
     * Runs {@code work} on this thread as the consequence of {@code by}'s decision: every event it emits carries
     * {@code by}, and its message says "approved by {@code by}" or "rejected by {@code by}" (once).
     */
    void decided(String by, boolean approved, Runnable work) {
        scoped(DECISION, new Decision(by, (approved ? "approved by " : "rejected by ") + by), work);
    }

    /**
     * Runs {@code work} on this thread for ladder step {@code step} (1-based; null: no ladder): every event it emits
     * carries the step ({@link RemediationEvent#step()}).
     */
    void inStep(Integer step, Runnable work) {
        scoped(STEP, step, work);
    }

    /** Runs {@code work} with {@code local} set to {@code value}, then gives {@code local} its value before back. */
    private static <T> void scoped(ThreadLocal<T> local, T value, Runnable work) {
        T outer = local.get();
        local.set(value);
        try {
            work.run();
        } finally {
            if (outer == null) {
                local.remove();
            } else {
                local.set(outer);
            }
        }
    }

    /** The ladder step of the events this thread emits now; null outside a ladder. */
    Integer currentStep() {
        return STEP.get();
    }

    /** Counts a redelivered record that was left alone. */
    void duplicate() {
        metrics.duplicate();
    }

    /** Records the time from STARTED to the end of verification. */
    void duration(Action action, boolean verified, Duration duration) {
        metrics.duration(action.type().yamlName(), verified, duration);
    }

    /** A new remediation id. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The target as the log and messages name it. */
    static String describe(ResolvedTarget target) {
        if (target.name() == null) {
            return "(no target)";
        }
        return target.kind() + " " + (target.namespace() == null ? "" : target.namespace() + "/") + target.name()
                + " in cluster " + target.cluster();
    }

    /** Puts the alert, playbook and target into the logging context until the answer is closed. */
    static LogContext logContext(AlertEvent alert, Playbook playbook, ResolvedTarget target) {
        MDC.put("alert.fingerprint", alert.fingerprint());
        MDC.put("playbook", playbook.name());
        if (target.namespace() != null) {
            MDC.put("k8s.namespace", target.namespace());
        }
        if (target.name() != null) {
            MDC.put("k8s.name", target.name());
        }
        return () -> {
            MDC.remove("alert.fingerprint");
            MDC.remove("playbook");
            MDC.remove("k8s.namespace");
            MDC.remove("k8s.name");
        };
    }

    /** Who decided, and the words that say so in an event's message. */
    private record Decision(String by, String words) {

        String told(String message) {
            if (message == null || message.isBlank()) {
                return words;
            }
            return message.contains(words) ? message : message + " (" + words + ")";
        }
    }

    /** A logging context that ends when closed. */
    interface LogContext extends AutoCloseable {
        @Override
        void close();
    }
}

package io.alertpilot.model.remediation;

import java.time.Instant;
import java.util.List;

/**
 * What a read-only {@code diagnose} found about a target, for the human who is paged: the first thing every runbook
 * asks for ("check pods, events, logs"). Bounded in size; log lines are redacted before they are kept.
 *
 * @param pods the target's pods with their state and restart counts
 * @param events the target's recent Kubernetes events, newest last, one line each ({@code reason: message})
 * @param logContainer the pod and container whose previous log is in {@code logTail} ({@code pod/container}); null
 *     when no container crashed
 * @param logTail the last lines of that container's previous log, with secrets redacted
 * @param rollouts the rollout history, oldest first, one line per revision
 * @param notes what could not be gathered and why (a missing permission, a timeout)
 * @param gatheredAt when it was gathered
 */
public record Diagnosis(
        List<PodState> pods,
        List<String> events,
        String logContainer,
        List<String> logTail,
        List<String> rollouts,
        List<String> notes,
        Instant gatheredAt) {

    public Diagnosis {
        pods = pods == null ? List.of() : List.copyOf(pods);
        events = events == null ? List.of() : List.copyOf(events);
        logTail = logTail == null ? List.of() : List.copyOf(logTail);
        rollouts = rollouts == null ? List.of() : List.copyOf(rollouts);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /**
     * One pod of the target.
     *
     * @param reason why it is not ready ({@code CrashLoopBackOff}, {@code OOMKilled}, ...), or null
     */
    public record PodState(String name, String phase, boolean ready, int restarts, String reason, String node) {
    }
}

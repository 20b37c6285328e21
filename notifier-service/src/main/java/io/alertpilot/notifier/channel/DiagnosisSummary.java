package io.alertpilot.notifier.channel;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.Diagnosis.PodState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The concise form of an incident's {@link Diagnosis} that a page carries: the pods that restarted or are not ready
 * (with reason and node), the last {@value #EVENTS} events, the last {@value #LOG_LINES} lines of the crashed
 * container's previous log (already redacted where it was gathered), the newest rollout and the notes on what could
 * not be gathered. Every channel words it from here, so all pages say the same. Immutable.
 *
 * @param pods one line per pod worth a look, then how many of all are ready
 * @param logContainer {@code pod/container} of {@code logTail}, or null
 */
public record DiagnosisSummary(List<String> pods, List<String> events, String logContainer, List<String> logTail,
        String rollout, List<String> notes) {

    /** The events a page shows, the newest. */
    public static final int EVENTS = 5;
    /** The log lines a page shows, the newest. */
    public static final int LOG_LINES = 10;
    /** The pods a page names. */
    public static final int PODS = 10;

    public DiagnosisSummary {
        pods = List.copyOf(pods);
        events = List.copyOf(events);
        logTail = List.copyOf(logTail);
        notes = List.copyOf(notes);
    }

    /** The summary of {@code incident}'s diagnosis, when it has one. */
    public static Optional<DiagnosisSummary> of(Incident incident) {
        Diagnosis d = incident.diagnosis();
        if (d == null) {
            return Optional.empty();
        }
        List<String> pods = new ArrayList<>(d.pods().stream().filter(p -> !p.ready() || p.restarts() > 0)
                .limit(PODS).map(DiagnosisSummary::pod).toList());
        long ready = d.pods().stream().filter(PodState::ready).count();
        pods.add(ready + " of " + d.pods().size() + " pods ready");
        return Optional.of(new DiagnosisSummary(pods, last(d.events(), EVENTS), d.logContainer(),
                last(d.logTail(), LOG_LINES), d.rollouts().isEmpty() ? null : d.rollouts().getLast(), d.notes()));
    }

    private static String pod(PodState p) {
        return p.name() + ": " + p.phase() + (p.ready() ? ", ready" : ", not ready") + ", " + p.restarts()
                + " restarts" + (p.reason() == null ? "" : " (" + p.reason() + ")")
                + (p.node() == null ? "" : " on " + p.node());
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** The summary as plain text lines, for mail and chat: headed sections, empty ones left out. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Pods:");
        pods.forEach(p -> lines.add("  " + p));
        if (!events.isEmpty()) {
            lines.add("Recent events:");
            events.forEach(e -> lines.add("  " + e));
        }
        if (logContainer != null && !logTail.isEmpty()) {
            lines.add("Previous log of " + logContainer + ":");
            logTail.forEach(l -> lines.add("  " + l));
        }
        if (rollout != null) {
            lines.add("Current rollout: " + rollout);
        }
        notes.forEach(n -> lines.add("Not gathered: " + n));
        return lines;
    }

    /** The summary as structured details (PagerDuty {@code custom_details}, a webhook's JSON). */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pods", pods);
        details.put("events", events);
        if (logContainer != null) {
            details.put("log_container", logContainer);
            details.put("log_tail", logTail);
        }
        if (rollout != null) {
            details.put("rollout", rollout);
        }
        if (!notes.isEmpty()) {
            details.put("notes", notes);
        }
        return details;
    }
}

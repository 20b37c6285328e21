package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The most recent remediations this replica took part in, each with its events in order, for
 * {@code GET /api/v1/remediations}. Bounded; the oldest remediation is dropped first. Thread safe.
 */
public final class RecentRemediations {

    /** One remediation: its latest phase and every event so far. */
    public record Entry(String remediationId, RemediationEvent latest, List<RemediationEvent> events) {
    }

    private final int capacity;
    private final LinkedHashMap<String, List<RemediationEvent>> byId = new LinkedHashMap<>();

    public RecentRemediations(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void add(RemediationEvent event) {
        byId.computeIfAbsent(event.remediationId(), id -> new ArrayList<>()).add(event);
        while (byId.size() > capacity) {
            byId.pollFirstEntry();
        }
    }

    /** Remediations whose latest event passes {@code filter}, newest first, at most {@code limit}. */
    public synchronized List<Entry> find(Predicate<Entry> filter, int limit) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, List<RemediationEvent>> e : byId.entrySet()) {
            List<RemediationEvent> events = List.copyOf(e.getValue());
            Entry entry = new Entry(e.getKey(), events.getLast(), events);
            if (filter.test(entry)) {
                out.add(entry);
            }
        }
        out.sort(Comparator.comparing((Entry en) -> en.latest().occurredAt()).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** The remediation {@code id}, or null. */
    public synchronized Entry get(String id) {
        List<RemediationEvent> events = byId.get(id);
        return events == null ? null : new Entry(id, events.getLast(), List.copyOf(events));
    }

    /** True when the remediation's latest phase is {@code phase}. */
    public static Predicate<Entry> inPhase(RemediationPhase phase) {
        return e -> e.latest().phase() == phase;
    }
}

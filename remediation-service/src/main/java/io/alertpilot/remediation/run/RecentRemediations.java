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
 * The most recent remediations of every replica, each with its events in the order they occurred, for
 * {@code GET /api/v1/remediations}: filled from the remediations topic and, at once, from this replica's own events;
 * an event seen twice (same event id) is kept once. Bounded; the remediation first seen longest ago is dropped first.
 * Thread safe.
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

    /** Adds {@code event} in the order of occurrence, unless an event with its id is already held. */
    public synchronized void add(RemediationEvent event) {
        List<RemediationEvent> events = byId.computeIfAbsent(event.remediationId(), id -> new ArrayList<>());
        int at = events.size();
        for (int i = events.size() - 1; i >= 0; i--) {
            RemediationEvent held = events.get(i);
            if (held.eventId().equals(event.eventId())) {
                return;
            }
            if (held.occurredAt().isAfter(event.occurredAt())) {
                at = i;
            }
        }
        events.add(at, event);
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

package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The incidents this replica owns (those whose partition of the alert topic it is assigned), each at its latest
 * durable version. Only {@link IncidentTransitions} changes an incident, under the incident's lock; reads need no lock.
 * Thread safe.
 */
final class OwnedIncidents {

    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();

    /** The incident {@code id} at its latest version, or null when not owned here. */
    Incident current(String id) {
        return incidents.get(id);
    }

    /** True when incident {@code id} is owned here. */
    boolean owns(String id) {
        return incidents.containsKey(id);
    }

    /** Keeps {@code incident} as the latest version of its id (it was just made durable). */
    void keep(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    /** Takes over {@code restored} unless a version at least as new is already kept. */
    void adopt(Incident restored) {
        incidents.merge(restored.id(), restored,
                (known, incoming) -> known.version() <= incoming.version() ? incoming : known);
    }

    /** Forgets the incidents {@code released} selects (their partitions moved to another replica). */
    void release(Predicate<String> released) {
        incidents.keySet().removeIf(released);
    }

    /** The ids of the incidents whose next escalation step or service-level deadline is due at {@code now}. */
    List<String> dueAt(Instant now) {
        return incidents.values().stream()
                .filter(incident -> incident.nextDueAt() != null && !incident.nextDueAt().isAfter(now))
                .map(Incident::id)
                .toList();
    }

    /** The incidents in no order: a live view, for a scan that does not sort. */
    Collection<Incident> all() {
        return Collections.unmodifiableCollection(incidents.values());
    }

    /** The incidents, newest first, optionally only those in {@code state}. */
    List<Incident> list(IncidentState state) {
        return incidents.values().stream()
                .filter(incident -> state == null || incident.state() == state)
                .sorted(Comparator.comparing(Incident::createdAt).reversed())
                .toList();
    }

    /** The incident {@code id}, when owned here. */
    Optional<Incident> get(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    /** The number of incidents in each state, every state present. */
    Map<IncidentState, Long> countByState() {
        Map<IncidentState, Long> counts = new EnumMap<>(IncidentState.class);
        for (IncidentState state : IncidentState.values()) {
            counts.put(state, 0L);
        }
        incidents.values().forEach(incident -> counts.merge(incident.state(), 1L, Long::sum));
        return counts;
    }
}

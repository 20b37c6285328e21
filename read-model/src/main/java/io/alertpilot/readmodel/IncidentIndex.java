package io.alertpilot.readmodel;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The incidents by id, those with a state listed newest first (by creation, then id), and their counts by state.
 * Not thread safe; guarded by the read model's lock.
 */
final class IncidentIndex {

    private static final Comparator<IncidentRecord> NEWEST_FIRST = Comparator
            .comparing((IncidentRecord r) -> r.incident.createdAt()).reversed()
            .thenComparing(r -> r.key);

    private final Map<String, IncidentRecord> records = new HashMap<>();
    private final TreeSet<IncidentRecord> listed = new TreeSet<>(NEWEST_FIRST);
    private final Map<IncidentState, Long> counts = new EnumMap<>(IncidentState.class);

    IncidentIndex() {
        for (IncidentState state : IncidentState.values()) {
            counts.put(state, 0L);
        }
    }

    /** The record of {@code key}, created empty when there is none. */
    IncidentRecord record(String key) {
        return records.computeIfAbsent(key, IncidentRecord::new);
    }

    /** The record of {@code key}, or null. */
    IncidentRecord find(String key) {
        return key == null ? null : records.get(key);
    }

    /** Holds {@code incident} unless the version held is the same or newer; true when it changed. */
    boolean apply(Incident incident) {
        IncidentRecord record = record(incident.id());
        if (record.incident != null) {
            if (incident.version() <= record.incident.version()) {
                return false;
            }
            unlist(record);
        }
        record.set(incident);
        listed.add(record);
        counts.merge(incident.state(), 1L, Long::sum);
        return true;
    }

    /** Forgets {@code key} and everything held of it. */
    void remove(String key) {
        IncidentRecord record = records.remove(key);
        if (record != null && record.incident != null) {
            unlist(record);
        }
    }

    /** Forgets the incidents without any event left that resolved before {@code cutoff} (or have no state). */
    void prune(Instant cutoff) {
        List<String> gone = new ArrayList<>();
        for (IncidentRecord record : records.values()) {
            if (record.empty() && (record.incident == null || resolvedBefore(record.incident, cutoff))) {
                gone.add(record.key);
            }
        }
        gone.forEach(this::remove);
    }

    /** True when {@code incident} is resolved and its last change was before {@code cutoff}. */
    static boolean resolvedBefore(Incident incident, Instant cutoff) {
        Instant last = incident.resolvedAt() != null ? incident.resolvedAt() : incident.updatedAt();
        last = last != null ? last : incident.createdAt();
        return incident.state() == IncidentState.RESOLVED && last.isBefore(cutoff);
    }

    private void unlist(IncidentRecord record) {
        listed.remove(record);
        counts.merge(record.incident.state(), -1L, Long::sum);
    }

    Map<IncidentState, Long> counts() {
        return new EnumMap<>(counts);
    }

    ListAnswer<IncidentView> query(IncidentQuery query) {
        String text = query.text() == null || query.text().isBlank() ? null
                : query.text().strip().toLowerCase(Locale.ROOT);
        if (query.state() == null && query.severity() == null && Paging.blank(query.namespace())
                && Paging.blank(query.cluster()) && text == null) {
            return Paging.first(listed, listed.size(), query.limit(), r -> r.view);
        }
        return Paging.matching(listed, r -> matches(r, query, text), query.limit(), r -> r.view);
    }

    private static boolean matches(IncidentRecord record, IncidentQuery query, String text) {
        Incident incident = record.incident;
        return (query.state() == null || query.state() == incident.state())
                && (query.severity() == null || query.severity() == incident.severity())
                && same(query.namespace(), incident, "namespace")
                && same(query.cluster(), incident, "cluster")
                && (text == null || record.text.contains(text));
    }

    /** True when {@code wanted} is not given, or is the target's field (or else the label) {@code field}. */
    private static boolean same(String wanted, Incident incident, String field) {
        if (Paging.blank(wanted)) {
            return true;
        }
        Target target = incident.target();
        String value = target.field(field) != null ? target.field(field) : incident.labels().get(field);
        return wanted.equals(value);
    }
}

package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowState;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.support.web.QueryParameters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What AlertPilot did, in memory, from the topics of every replica: incidents with their timelines, remediations,
 * maintenance windows and the audit. Thread-safe: one follower applies records while any number of requests read.
 * Applying is idempotent (a record applied twice, or an older incident version after a newer one, changes nothing),
 * so a service may apply its own writes at once (read-your-writes) and again when the follower reads them. Bounded:
 * what is older than the retention is dropped, and beyond {@code maxEvents} the oldest events go first.
 *
 * <p>Every answer is read under a read lock, every apply under a write lock, so an answer never shows half an apply.
 * Lists are kept sorted as they change, so a list answer walks only the matching part.
 *
 * @throws IllegalArgumentException from the list answers, naming {@code limit}, when the limit is out of range
 */
public final class ReadModel {

    private static final Logger log = LoggerFactory.getLogger(ReadModel.class);
    private static final int MAX_LIMIT = QueryParameters.MAX_LIMIT;
    private static final int MAX_AUDIT_LIMIT = 10_000;

    private final Clock clock;
    private final Duration retention;
    private final int maxEvents;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final IncidentIndex incidents = new IncidentIndex();
    private final RemediationIndex remediations = new RemediationIndex();
    private final AuditLog audit = new AuditLog();
    private final TreeSet<Held> held = new TreeSet<>();
    private final Map<String, Held> heldByKey = new HashMap<>();
    private final List<MaintenanceEvent> maintenanceEvents = new ArrayList<>();
    private final Map<String, MaintenanceWindow> windows = new HashMap<>();
    private final Set<Change> changes = new LinkedHashSet<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private long seq;

    /**
     * @param retention how long an event is kept (default 30 days)
     * @param maxEvents the most events (alerts, remediation events, commands, notifications, window events) held
     */
    public ReadModel(Clock clock, Duration retention, int maxEvents) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1, not " + maxEvents);
        }
        this.maxEvents = maxEvents;
    }

    // ---- applying what the topics hold ----

    public void onAlert(AlertEvent alert) {
        apply(() -> {
            if (hold("alert/" + alert.eventId(), alert.receivedAt(), alert)) {
                Held.insert(incidents.record(alert.fingerprint()).alerts, alert, AlertEvent::receivedAt);
                changes.add(new Change(Change.What.INCIDENT, alert.fingerprint()));
            }
        });
    }

    public void onRemediation(RemediationEvent event) {
        apply(() -> {
            if (hold("remediation/" + event.eventId(), event.occurredAt(), event)) {
                remediations.add(event);
                incidents.record(event.fingerprint()).remediations.add(event.remediationId());
                if (AuditEntries.decision(event.phase())) {
                    record(AuditEntries.decision(event));
                }
                if (event.by() != null) {
                    record(AuditEntries.approval(event));
                }
                changes.add(new Change(Change.What.REMEDIATION, event.remediationId()));
                changes.add(new Change(Change.What.INCIDENT, event.fingerprint()));
            }
        });
    }

    public void onCommand(RemediationCommand command) {
        apply(() -> {
            // a command without its instant is held from when it was first seen, under a key without an instant,
            // so reading it again does not add it twice
            Instant at = command.at() == null ? clock.instant() : command.at();
            String key = "command/" + command.type() + "/" + command.remediationId() + "/" + command.by() + "/"
                    + command.at();
            if (hold(key, at, command)) {
                remediations.add(command);
                record(AuditEntries.command(command, at));
                changes.add(new Change(Change.What.REMEDIATION, command.remediationId()));
            }
        });
    }

    /** The latest state of an incident (the compacted topic's value); an older {@code version} is ignored. */
    public void onIncident(Incident incident) {
        apply(() -> {
            if (incidents.find(incident.id()) == null && IncidentIndex.resolvedBefore(incident, cutoff())) {
                return;
            }
            if (!incidents.apply(incident)) {
                return;
            }
            incidents.find(incident.id()).transitions(incident).forEach(this::record);
            changes.add(new Change(Change.What.INCIDENT, incident.id()));
        });
    }

    public void onNotification(NotificationEvent event) {
        apply(() -> {
            if (hold("notification/" + event.eventId(), event.occurredAt(), event)) {
                Held.insert(incidents.record(event.incidentId()).notifications, event, NotificationEvent::occurredAt);
                changes.add(new Change(Change.What.INCIDENT, event.incidentId()));
            }
        });
    }

    /** A window's latest state, or its removal ({@code window} null, a tombstone) by id. */
    public void onWindow(String id, MaintenanceWindow window) {
        apply(() -> {
            MaintenanceWindow before = window == null ? windows.remove(id) : windows.put(id, window);
            if (!Objects.equals(before, window)) {
                changes.add(new Change(Change.What.WINDOW, id));
            }
        });
    }

    public void onMaintenanceEvent(MaintenanceEvent event) {
        apply(() -> {
            if (hold("window/" + event.eventId(), event.at(), event)) {
                Held.insert(maintenanceEvents, event, MaintenanceEvent::at);
                record(AuditEntries.window(event));
                changes.add(new Change(Change.What.WINDOW, event.windowId()));
            }
        });
    }

    /**
     * Drops what the retention no longer covers: events older than it, incidents resolved before it with no event
     * left, windows that ended before it, and audit entries older than it. Called periodically; applying also drops
     * the oldest events as it goes.
     */
    public void prune() {
        apply(() -> {
            Instant cutoff = cutoff();
            dropBefore(cutoff);
            incidents.prune(cutoff);
            windows.values().removeIf(w -> w.state(cutoff) == WindowState.EXPIRED);
            audit.trim(cutoff, maxEvents);
        });
    }

    // ---- answers ----

    /** The incidents matching {@code query}, newest first. */
    public ListAnswer<IncidentView> incidents(IncidentQuery query) {
        checkLimit(query.limit(), MAX_LIMIT);
        return read(() -> incidents.query(query));
    }

    /** How many incidents are in each state (every state present, 0 when none). */
    public Map<IncidentState, Long> incidentCounts() {
        return read(incidents::counts);
    }

    public Optional<IncidentView> incident(String id) {
        return read(() -> {
            IncidentRecord record = incidents.find(id);
            return Optional.ofNullable(record == null ? null : record.view);
        });
    }

    /**
     * The timeline of incident {@code id} (its fingerprint), oldest first: every alert occurrence, decision, action,
     * verification, approval, page, acknowledgement, window and the resolution. Empty when nothing is known of it.
     */
    public List<TimelineEntry> timeline(String id) {
        return read(() -> new Timeline(incidents, remediations, maintenanceEvents, windows).of(id));
    }

    /** The alert events received for incident {@code id} (its fingerprint), oldest first. */
    public List<AlertEvent> alerts(String id) {
        return read(() -> {
            IncidentRecord record = incidents.find(id);
            return record == null ? List.of() : List.copyOf(record.alerts);
        });
    }

    /** The remediations matching {@code query}: waiting for approval first, then newest first. */
    public ListAnswer<RemediationView> remediations(RemediationQuery query) {
        checkLimit(query.limit(), MAX_LIMIT);
        return read(() -> remediations.query(query));
    }

    public Optional<RemediationView> remediation(String id) {
        return read(() -> {
            RemediationIndex.Remediation remediation = remediations.find(id);
            return Optional.ofNullable(remediation == null ? null : remediation.view);
        });
    }

    /** Every window known (active, scheduled and expired), active first, then by start. */
    public List<WindowView> windows() {
        Instant now = clock.instant();
        return read(() -> windows.values().stream().map(w -> new WindowView(w, w.state(now)))
                .sorted(Comparator.comparing((WindowView v) -> v.state().ordinal())
                        .thenComparing(v -> v.window().startsAt()).thenComparing(v -> v.window().id()))
                .toList());
    }

    /** The audit entries matching {@code query}, newest first; {@code from} inclusive, {@code to} exclusive. */
    public ListAnswer<AuditEntry> audit(AuditQuery query) {
        checkLimit(query.limit(), MAX_AUDIT_LIMIT);
        return read(() -> audit.search(query));
    }

    /** How many events are held now (what {@code maxEvents} bounds). */
    public int size() {
        return read(held::size);
    }

    /** Calls {@code listener} after every change, on the applying thread; it must not block. */
    public void addListener(Consumer<Change> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    // ---- inside ----

    private void apply(Runnable change) {
        List<Change> happened;
        lock.writeLock().lock();
        try {
            change.run();
            dropBefore(cutoff());
            while (held.size() > maxEvents) {
                drop(held.first());
            }
            happened = List.copyOf(changes);
            changes.clear();
        } finally {
            lock.writeLock().unlock();
        }
        for (Change happenedChange : happened) {
            for (Consumer<Change> listener : listeners) {
                try {
                    listener.accept(happenedChange);
                } catch (RuntimeException e) {
                    log.warn("a read model listener failed on {}: {}", happenedChange, e.toString());
                }
            }
        }
    }

    private <T> T read(Supplier<T> answer) {
        lock.readLock().lock();
        try {
            return answer.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Holds {@code event} under {@code key}; false when it is held already or older than the retention. */
    private boolean hold(String key, Instant at, Object event) {
        if (heldByKey.containsKey(key) || at.isBefore(cutoff())) {
            return false;
        }
        Held entry = new Held(at, seq++, key, event);
        held.add(entry);
        heldByKey.put(key, entry);
        return true;
    }

    private void record(AuditEntries.Keyed keyed) {
        audit.add(keyed.key(), keyed.entry());
        // trimmed in batches: cutting one entry off the front of the array at every add would move all the others
        if (audit.size() > maxEvents + Math.max(1, maxEvents / 16)) {
            audit.trim(cutoff(), maxEvents);
        }
    }

    private void dropBefore(Instant cutoff) {
        while (!held.isEmpty() && held.first().at().isBefore(cutoff)) {
            drop(held.first());
        }
    }

    /** Forgets one held event everywhere it is indexed. */
    private void drop(Held entry) {
        held.remove(entry);
        heldByKey.remove(entry.key());
        switch (entry.event()) {
            case AlertEvent alert -> forget(alert.fingerprint(), r -> r.alerts.remove(alert));
            case NotificationEvent event -> forget(event.incidentId(), r -> r.notifications.remove(event));
            case RemediationEvent event -> {
                if (remediations.remove(event)) {
                    forget(event.fingerprint(), r -> r.remediations.remove(event.remediationId()));
                }
                changes.add(new Change(Change.What.REMEDIATION, event.remediationId()));
            }
            case RemediationCommand command -> {
                remediations.remove(command);
                changes.add(new Change(Change.What.REMEDIATION, command.remediationId()));
            }
            case MaintenanceEvent event -> maintenanceEvents.remove(event);
            default -> throw new IllegalStateException("not an event the read model holds: " + entry.event());
        }
    }

    /** Changes the record of incident {@code id}, then forgets it when nothing is left of it. */
    private void forget(String id, Consumer<IncidentRecord> change) {
        IncidentRecord record = incidents.find(id);
        if (record != null) {
            change.accept(record);
            if (record.incident == null && record.empty()) {
                incidents.remove(id);
            }
            changes.add(new Change(Change.What.INCIDENT, id));
        }
    }

    private Instant cutoff() {
        return clock.instant().minus(retention);
    }

    private static void checkLimit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be between 1 and " + max + ", not " + limit);
        }
    }
}

package io.alertpilot.readmodel;

import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The remediations by id with their events in time order and the commands given for them, listed waiting for
 * approval first, then newest first (by their latest event). Not thread safe; guarded by the read model's lock.
 */
final class RemediationIndex {

    /** One remediation's events, oldest first, and its view. */
    static final class Remediation {
        final String id;
        final List<RemediationEvent> events = new ArrayList<>();
        final List<RemediationCommand> commands = new ArrayList<>();
        RemediationView view;

        Remediation(String id) {
            this.id = id;
        }

        boolean pending() {
            return view.phase() == RemediationPhase.PENDING_APPROVAL;
        }
    }

    private static final Comparator<Remediation> PENDING_THEN_NEWEST = Comparator
            .comparing((Remediation r) -> !r.pending())
            .thenComparing((Remediation r) -> r.view.lastAt(), Comparator.reverseOrder())
            .thenComparing(r -> r.id);

    private final Map<String, Remediation> byId = new HashMap<>();
    private final TreeSet<Remediation> listed = new TreeSet<>(PENDING_THEN_NEWEST);

    /** The remediation {@code id}, or null. */
    Remediation find(String id) {
        return byId.get(id);
    }

    void add(RemediationEvent event) {
        Remediation remediation = byId.computeIfAbsent(event.remediationId(), Remediation::new);
        if (remediation.view != null) {
            listed.remove(remediation);
        }
        Held.insert(remediation.events, event, RemediationEvent::occurredAt);
        remediation.view = RemediationView.of(remediation.events);
        listed.add(remediation);
    }

    /** Forgets {@code event}; true when its remediation has no event left (and is forgotten too). */
    boolean remove(RemediationEvent event) {
        Remediation remediation = byId.get(event.remediationId());
        if (remediation == null) {
            return false;
        }
        listed.remove(remediation);
        remediation.events.remove(event);
        if (remediation.events.isEmpty()) {
            if (remediation.commands.isEmpty()) {
                byId.remove(remediation.id);
            } else {
                remediation.view = null;
            }
            return true;
        }
        remediation.view = RemediationView.of(remediation.events);
        listed.add(remediation);
        return false;
    }

    void add(RemediationCommand command) {
        byId.computeIfAbsent(command.remediationId(), Remediation::new).commands.add(command);
    }

    void remove(RemediationCommand command) {
        Remediation remediation = byId.get(command.remediationId());
        if (remediation != null) {
            remediation.commands.remove(command);
            if (remediation.commands.isEmpty() && remediation.events.isEmpty()) {
                byId.remove(remediation.id);
            }
        }
    }

    ListAnswer<RemediationView> query(RemediationQuery query) {
        if (query.phase() == null && Paging.blank(query.playbook()) && Paging.blank(query.fingerprint())
                && Paging.blank(query.namespace()) && Paging.blank(query.action()) && Paging.blank(query.target())) {
            return Paging.first(listed, listed.size(), query.limit(), r -> r.view);
        }
        return Paging.matching(listed, r -> matches(r.view, query), query.limit(), r -> r.view);
    }

    private static boolean matches(RemediationView view, RemediationQuery query) {
        return (query.phase() == null || query.phase() == view.phase())
                && Paging.same(query.playbook(), view.playbook())
                && Paging.same(query.fingerprint(), view.fingerprint())
                && Paging.same(query.namespace(), view.target().namespace())
                && Paging.same(query.action(), view.action())
                && Paging.same(query.target(), view.targetKey());
    }

}

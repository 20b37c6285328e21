package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident driven through the {@link IncidentMachine} with the {@link TestPolicies}, as the incident service would:
 * each transition's version kept, each send recorded and ending delivered to its intended contact.
 */
final class MachineRun {

    static final Duration WINDOW = Duration.ofSeconds(30);
    static final String FP = "0c029c006d0ffce0";

    final TestClock clock = new TestClock();
    final IncidentMachine machine;
    final List<PendingNotification> sent = new ArrayList<>();
    Incident incident;

    MachineRun() {
        this(MaintenanceWindows.NONE);
    }

    /** A run whose machine respects {@code windows}. */
    MachineRun(MaintenanceWindows windows) {
        machine = new IncidentMachine(TestPolicies::set, WINDOW, Duration.ofMinutes(10), windows);
    }

    /** A run whose machine routes by {@code policies}. */
    MachineRun(PolicySet policies) {
        machine = new IncidentMachine(() -> policies, WINDOW, Duration.ofMinutes(10));
    }

    /** Keeps the transition's version and records its sends, each delivered. */
    void apply(Transition transition) {
        if (transition.changed()) {
            incident = transition.incident();
        }
        sent.addAll(transition.send());
        // every send ends delivered to its intended contact
        for (PendingNotification notification : transition.send()) {
            Transition done = machine.delivered(incident, notification,
                    new Contact(notification.channel(), notification.recipient()), clock.instant());
            if (done.changed()) {
                incident = done.incident();
            }
            sent.addAll(done.send());
        }
    }

    /** The clock's instant. */
    Instant now() {
        return clock.instant();
    }

    /** A critical alert fires now. */
    void fire() {
        apply(machine.onAlert(incident, Events.firing(FP, Severity.CRITICAL, clock.instant()), clock.instant()));
    }

    /** Moves the clock on by {@code sinceNow}, then ticks. */
    void tickAt(Duration sinceNow) {
        clock.advance(sinceNow);
        apply(machine.tick(incident, clock.instant()));
    }

    /** The contacts that were sent a trigger, in order. */
    List<Contact> triggered() {
        return sent.stream().filter(n -> n.action().equals("trigger"))
                .map(n -> new Contact(n.channel(), n.recipient())).toList();
    }
}

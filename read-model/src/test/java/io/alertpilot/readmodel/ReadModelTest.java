package io.alertpilot.readmodel;

import static io.alertpilot.readmodel.ReadModelEvents.at;
import static io.alertpilot.readmodel.ReadModelEvents.firing;
import static io.alertpilot.readmodel.ReadModelEvents.incident;
import static io.alertpilot.readmodel.ReadModelEvents.page;
import static io.alertpilot.readmodel.ReadModelEvents.remediation;
import static io.alertpilot.readmodel.ReadModelEvents.resolved;
import static io.alertpilot.readmodel.ReadModelEvents.window;
import static io.alertpilot.readmodel.ReadModelEvents.windowEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowState;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.TimelineEntry.Kind;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelTest {

    final TestClock clock = TestClock.at(at(3600));
    final ReadModel model = new ReadModel(clock, Duration.ofDays(30), 500_000);

    @Test
    void timelineTellsAnIncidentsLifeInOrderWithWhoDidWhat() {
        AlertEvent alert = firing("fp-1", "shop", 0);
        model.onAlert(alert);
        model.onRemediation(remediation("r-1", "fp-1", RemediationPhase.PLANNED, 1, null, null));
        model.onRemediation(remediation("r-1", "fp-1", RemediationPhase.STARTED, 2, null, null));
        model.onRemediation(remediation("r-1", "fp-1", RemediationPhase.VERIFIED, 30, null, null));
        model.onNotification(page("fp-1", 0, NotificationOutcome.DELIVERED, 40));
        model.onIncident(incident("fp-1", IncidentState.TRIGGERED, 1, "shop", Severity.CRITICAL, 0));
        model.onIncident(incident("fp-1", IncidentState.ACKNOWLEDGED, 2, "shop", Severity.CRITICAL, 0, at(60), "ann",
                null, null));
        model.onAlert(resolved(alert, 300));
        model.onIncident(incident("fp-1", IncidentState.RESOLVED, 3, "shop", Severity.CRITICAL, 0, at(60), "ann",
                at(301), "alert"));

        assertThat(model.timeline("fp-1")).extracting(TimelineEntry::kind, TimelineEntry::by, TimelineEntry::title)
                .containsExactly(
                        tuple(Kind.ALERT, "alertmanager", "PodCrashLooping firing"),
                        tuple(Kind.DECISION, "alertpilot", "restart on prod/shop/Deployment/checkout: PLANNED"),
                        tuple(Kind.ACTION, "alertpilot", "restart on prod/shop/Deployment/checkout: STARTED"),
                        tuple(Kind.VERIFICATION, "alertpilot", "restart on prod/shop/Deployment/checkout: VERIFIED"),
                        tuple(Kind.PAGE, "alertpilot", "paged pagerduty: primary (step 1): DELIVERED"),
                        tuple(Kind.ACKNOWLEDGEMENT, "ann", "acknowledged by ann"),
                        tuple(Kind.ALERT, "alertmanager", "PodCrashLooping resolved"),
                        tuple(Kind.RESOLUTION, "alert", "resolved by alert"));
        assertThat(model.timeline("fp-1").get(4).facts()).containsEntry("step", "1").containsEntry("recipient",
                "primary").containsEntry("outcome", "DELIVERED").containsEntry("attempt", "1");
        assertThat(model.timeline("fp-1").get(1).facts()).containsEntry("playbook", "restart-crashlooping")
                .containsEntry("remediation id", "r-1");
        assertThat(model.incident("fp-1")).hasValueSatisfying(view -> {
            assertThat(view.state()).isEqualTo(IncidentState.RESOLVED);
            assertThat(view.step()).isEqualTo(1);
        });
        assertThat(model.alerts("fp-1")).extracting(AlertEvent::status).extracting(Enum::name)
                .containsExactly("FIRING", "RESOLVED");
    }

    @Test
    void onlyTheLatestIncidentVersionStillShowsItsAcknowledgementAndResolution() {
        model.onIncident(incident("fp-2", IncidentState.RESOLVED, 7, "shop", Severity.WARNING, 0, at(60), "bob",
                at(120), "api:bob"));

        assertThat(model.timeline("fp-2")).extracting(TimelineEntry::kind, TimelineEntry::by, TimelineEntry::at)
                .containsExactly(tuple(Kind.ACKNOWLEDGEMENT, "bob", at(60)), tuple(Kind.RESOLUTION, "api:bob", at(120)));
    }

    @Test
    void approvalsAndRejectionsShowWhoGaveThemOnceEach() {
        model.onAlert(firing("fp-3", "shop", 0));
        model.onRemediation(remediation("r-3", "fp-3", RemediationPhase.PENDING_APPROVAL, 1, null, null));
        model.onCommand(new RemediationCommand(RemediationCommand.Type.APPROVE, "r-3", "ann", "slack", at(20)));
        model.onRemediation(remediation("r-3", "fp-3", RemediationPhase.STARTED, 21, null, "ann"));
        model.onRemediation(remediation("r-4", "fp-3", RemediationPhase.PENDING_APPROVAL, 30, null, null));
        model.onRemediation(remediation("r-4", "fp-3", RemediationPhase.SKIPPED, 40, "rejected", "bob"));

        assertThat(model.timeline("fp-3")).filteredOn(e -> e.kind() == Kind.APPROVAL)
                .extracting(TimelineEntry::title, TimelineEntry::by)
                .containsExactly(tuple("approved by ann (slack)", "ann"), tuple("rejected by bob", "bob"));
        assertThat(model.timeline("fp-3").get(1).title()).contains("waits for approval until " + at(901));
        assertThat(model.audit(new AuditQuery("approval", null, null, null, null, 10)).items())
                .extracting(AuditEntry::subject, AuditEntry::by).containsExactly(tuple("r-4", "bob"), tuple("r-3", "ann"));
        assertThat(model.remediation("r-3")).hasValueSatisfying(r -> assertThat(r.by()).isEqualTo("ann"));
    }

    @Test
    void aGroupedIncidentShowsItsAlertsPriorityAndBreachesAndTheTimelineTheBreaches() {
        io.alertpilot.model.incident.Incident base = incident("g-1", IncidentState.ESCALATED, 3, "shop",
                Severity.CRITICAL, 0);
        List<io.alertpilot.model.incident.GroupedAlert> alerts = List.of(
                new io.alertpilot.model.incident.GroupedAlert("fp-a", "NodeDiskFull",
                        io.alertpilot.model.alert.AlertStatus.FIRING, null, at(1)),
                new io.alertpilot.model.incident.GroupedAlert("fp-b", "NodeDiskFull",
                        io.alertpilot.model.alert.AlertStatus.RESOLVED, null, at(2)));
        var breach = new io.alertpilot.model.incident.SlaBreach("ack", at(300),
                "not acknowledged within 5m: paging the secondary now");
        model.onIncident(new io.alertpilot.model.incident.Incident(1, base.id(), base.fingerprint(), base.state(),
                base.alertName(), base.severity(), base.summary(), base.labels(), base.target(), base.policy(), 0, 0,
                null, base.createdAt(), base.updatedAt(), null, null, null, null, 3, null, null, null, null, null,
                null, null, null, null, null, null, null, "Sev1", "policy|group", alerts,
                new io.alertpilot.model.incident.IncidentSla(null, null, null, 0, List.of(breach)), null));

        model.onAlert(firing("fp-a", "shop", 1));
        model.onAlert(firing("fp-b", "shop", 2));

        IncidentView view = model.incident("g-1").orElseThrow();
        assertThat(view.priority()).isEqualTo("Sev1");
        assertThat(view.alerts()).hasSize(2);
        assertThat(view.breaches()).containsExactly(breach);
        assertThat(model.timeline("g-1")).filteredOn(e -> e.kind() == Kind.BREACH).extracting(TimelineEntry::title)
                .containsExactly("ack SLA missed: not acknowledged within 5m: paging the secondary now");
        assertThat(model.timeline("g-1")).as("the group's alerts are on its timeline")
                .filteredOn(e -> e.kind() == Kind.ALERT).hasSize(2);
    }

    @Test
    void incidentsAreFilteredNewestFirstWithTheTotalOfAllMatches() {
        model.onIncident(incident("a", IncidentState.TRIGGERED, 1, "shop", Severity.CRITICAL, 10));
        model.onIncident(incident("b", IncidentState.ACKNOWLEDGED, 1, "shop", Severity.WARNING, 20));
        model.onIncident(incident("c", IncidentState.TRIGGERED, 1, "payments", Severity.CRITICAL, 30));

        assertThat(ids(model.incidents(IncidentQuery.all(100)))).containsExactly("c", "b", "a");
        ListAnswer<IncidentView> firstTwo = model.incidents(IncidentQuery.all(2));
        assertThat(ids(firstTwo)).containsExactly("c", "b");
        assertThat(firstTwo.total()).isEqualTo(3);
        assertThat(ids(model.incidents(new IncidentQuery(IncidentState.TRIGGERED, null, null, null, null, 10))))
                .containsExactly("c", "a");
        assertThat(ids(model.incidents(new IncidentQuery(null, Severity.WARNING, null, null, null, 10))))
                .containsExactly("b");
        assertThat(ids(model.incidents(new IncidentQuery(null, null, "shop", "prod", null, 10))))
                .containsExactly("b", "a");
        assertThat(ids(model.incidents(new IncidentQuery(null, null, null, "staging", null, 10)))).isEmpty();
        assertThat(ids(model.incidents(new IncidentQuery(null, null, null, null, "IN PAYMENTS", 10))))
                .containsExactly("c");
        assertThat(model.incidentCounts()).containsEntry(IncidentState.TRIGGERED, 2L)
                .containsEntry(IncidentState.ACKNOWLEDGED, 1L).containsEntry(IncidentState.RESOLVED, 0L)
                .hasSize(IncidentState.values().length);
    }

    @Test
    void remediationsWaitingForApprovalComeFirstThenTheNewest() {
        model.onRemediation(remediation("old-pending", "fp", RemediationPhase.PENDING_APPROVAL, 10, null, null));
        model.onRemediation(remediation("newer", "fp", RemediationPhase.VERIFIED, 50, null, null));
        model.onRemediation(remediation("older", "fp", RemediationPhase.FAILED, 20, "timeout", null));

        assertThat(model.remediations(RemediationQuery.all(10)).items()).extracting(RemediationView::remediationId)
                .containsExactly("old-pending", "newer", "older");
        assertThat(model.remediations(new RemediationQuery(RemediationPhase.FAILED, null, null, null, null, null, 10))
                .items()).extracting(RemediationView::remediationId).containsExactly("older");
        assertThat(model.remediations(new RemediationQuery(null, "restart-crashlooping", "fp", "shop", "restart",
                "prod/shop/Deployment/checkout", 1))).satisfies(answer -> {
                    assertThat(answer.items()).hasSize(1);
                    assertThat(answer.total()).isEqualTo(3);
                });
        assertThat(model.remediations(new RemediationQuery(null, "other", null, null, null, null, 10)).total())
                .isZero();
    }

    @Test
    void onlyARemediationWaitingForApprovalShowsADeadline() {
        model.onRemediation(remediation("waits", "fp", RemediationPhase.PENDING_APPROVAL, 10, null, null));
        RemediationEvent planned = remediation("step", "fp", RemediationPhase.STARTED, 20, null, null);
        // a ladder step's STARTED carries when the step is judged at latest, for the notifier: no approval deadline
        model.onRemediation(new RemediationEvent(planned.schemaVersion(), planned.eventId(), planned.remediationId(),
                planned.alertEventId(), planned.fingerprint(), planned.alertName(), planned.playbook(),
                planned.action(), planned.parameters(), planned.target(), planned.phase(), null, null, false,
                planned.occurredAt(), null, planned.occurredAt().plusSeconds(600), 1, null));

        assertThat(model.remediations(RemediationQuery.all(10)).items()).extracting(RemediationView::remediationId,
                view -> view.deadline() != null).containsExactly(tuple("waits", true), tuple("step", false));
    }

    @Test
    void applyingTheSameEventTwiceOrAnOlderVersionChangesNothing() {
        AlertEvent alert = firing("fp-5", "shop", 0);
        List<Change> changes = new ArrayList<>();
        model.addListener(changes::add);

        model.onAlert(alert);
        model.onAlert(alert);
        model.onIncident(incident("fp-5", IncidentState.ACKNOWLEDGED, 2, "shop", Severity.CRITICAL, 0, at(60), "ann",
                null, null));
        model.onIncident(incident("fp-5", IncidentState.TRIGGERED, 1, "shop", Severity.CRITICAL, 0));
        model.onIncident(incident("fp-5", IncidentState.TRIGGERED, 2, "shop", Severity.CRITICAL, 0));

        assertThat(model.size()).isEqualTo(1);
        assertThat(model.timeline("fp-5")).extracting(TimelineEntry::kind)
                .containsExactly(Kind.ALERT, Kind.ACKNOWLEDGEMENT);
        assertThat(model.incident("fp-5")).hasValueSatisfying(
                view -> assertThat(view.state()).isEqualTo(IncidentState.ACKNOWLEDGED));
        assertThat(changes).containsExactly(new Change(Change.What.INCIDENT, "fp-5"),
                new Change(Change.What.INCIDENT, "fp-5"));
    }

    @Test
    void eventsOlderThanTheRetentionAreDroppedWithTheIncidentsResolvedBeforeIt() {
        ReadModel shortMemory = new ReadModel(clock, Duration.ofHours(2), 1000);
        shortMemory.onAlert(firing("too-old", "shop", -4 * 3600));
        shortMemory.onAlert(firing("fp-6", "shop", 0));
        shortMemory.onIncident(incident("fp-6", IncidentState.RESOLVED, 2, "shop", Severity.INFO, 0, null, null,
                at(60), "alert"));
        shortMemory.onIncident(incident("open", IncidentState.TRIGGERED, 1, "shop", Severity.INFO, 0));
        assertThat(shortMemory.size()).isEqualTo(1);
        assertThat(shortMemory.timeline("too-old")).isEmpty();

        clock.advance(Duration.ofHours(2));
        shortMemory.prune();

        assertThat(shortMemory.size()).isZero();
        assertThat(shortMemory.incident("fp-6")).isEmpty();
        assertThat(ids(shortMemory.incidents(IncidentQuery.all(10)))).containsExactly("open");
        assertThat(shortMemory.audit(new AuditQuery(null, null, null, null, null, 10)).total()).isZero();
    }

    @Test
    void beyondMaxEventsTheOldestEventsGoFirst() {
        ReadModel small = new ReadModel(clock, Duration.ofDays(30), 3);
        for (int i = 0; i < 5; i++) {
            small.onAlert(firing("fp-" + i, "shop", i));
        }

        assertThat(small.size()).isEqualTo(3);
        assertThat(small.alerts("fp-0")).isEmpty();
        assertThat(small.alerts("fp-1")).isEmpty();
        assertThat(small.alerts("fp-4")).hasSize(1);
    }

    @Test
    void anEvictedRemediationEventLeavesItsRemediationWithTheEventsStillHeld() {
        ReadModel small = new ReadModel(clock, Duration.ofDays(30), 2);
        small.onRemediation(remediation("r-10", "fp-10", RemediationPhase.PLANNED, 1, null, null));
        small.onRemediation(remediation("r-10", "fp-10", RemediationPhase.STARTED, 2, null, null));

        small.onAlert(firing("fp-10", "shop", 3));

        assertThat(small.remediation("r-10")).hasValueSatisfying(view -> {
            assertThat(view.events()).extracting(RemediationEvent::phase).containsExactly(RemediationPhase.STARTED);
            assertThat(view.firstAt()).isEqualTo(at(2));
        });

        small.onAlert(firing("fp-10", "shop", 4));

        assertThat(small.remediation("r-10")).isEmpty();
        assertThat(small.remediations(RemediationQuery.all(10)).total()).isZero();
        assertThat(small.timeline("fp-10")).extracting(TimelineEntry::kind).containsExactly(Kind.ALERT, Kind.ALERT);
    }

    @Test
    void theAuditIsSearchedByKindPersonTextAndTimeNewestFirst() {
        model.onRemediation(remediation("r-7", "fp-7", RemediationPhase.SKIPPED, 10, "cooldown", null));
        model.onRemediation(remediation("r-8", "fp-8", RemediationPhase.PLANNED, 20, null, null));
        model.onRemediation(remediation("r-8", "fp-8", RemediationPhase.STARTED, 21, null, null));
        model.onIncident(incident("fp-8", IncidentState.ACKNOWLEDGED, 2, "shop", Severity.CRITICAL, 0, at(30), "ann",
                null, null));
        MaintenanceWindow window = window("w-1", "shop", 40, null);
        model.onMaintenanceEvent(windowEvent(MaintenanceEvent.Type.CREATED, window, "ops", 40));

        assertThat(model.audit(new AuditQuery(null, null, null, null, null, 10)).items())
                .extracting(AuditEntry::kind, AuditEntry::subject, AuditEntry::by)
                .containsExactly(tuple("window", "w-1", "ops"), tuple("acknowledgement", "fp-8", "ann"),
                        tuple("decision", "r-8", "alertpilot"), tuple("decision", "r-7", "alertpilot"));
        assertThat(model.audit(new AuditQuery("decision", null, "COOLDOWN", null, null, 10)).items())
                .extracting(AuditEntry::subject).containsExactly("r-7");
        assertThat(model.audit(new AuditQuery(null, "ann", null, null, null, 10)).items())
                .extracting(AuditEntry::kind).containsExactly("acknowledgement");
        ListAnswer<AuditEntry> between = model.audit(new AuditQuery(null, null, null, at(20), at(40), 1));
        assertThat(between.items()).extracting(AuditEntry::subject).containsExactly("fp-8");
        assertThat(between.total()).isEqualTo(2);
    }

    @Test
    void windowsAreListedActiveFirstAndATombstoneRemovesOne() {
        model.onWindow("later", window("later", "shop", 7200, null));
        model.onWindow("now", window("now", "shop", 0, null));
        model.onWindow("over", window("over", "shop", 0, 60L));

        assertThat(model.windows()).extracting(v -> v.window().id(), WindowView::state).containsExactly(
                tuple("now", WindowState.ACTIVE), tuple("later", WindowState.SCHEDULED),
                tuple("over", WindowState.EXPIRED));

        model.onWindow("now", null);

        assertThat(model.windows()).extracting(v -> v.window().id()).containsExactly("later", "over");
    }

    @Test
    void aWindowCoveringTheIncidentShowsInItsTimelineAndNamesTheActionItHeld() {
        MaintenanceWindow window = window("w-shop", "shop", 5, null);
        MaintenanceWindow elsewhere = window("w-db", "db", 5, null);
        model.onWindow(window.id(), window);
        model.onAlert(firing("fp-9", "shop", 0));
        model.onMaintenanceEvent(windowEvent(MaintenanceEvent.Type.CREATED, window, "ops", 5));
        model.onMaintenanceEvent(windowEvent(MaintenanceEvent.Type.CREATED, elsewhere, "ops", 6));
        model.onRemediation(remediation("r-9", "fp-9", RemediationPhase.SKIPPED, 10, "maintenance", null));

        assertThat(model.timeline("fp-9")).extracting(TimelineEntry::kind, TimelineEntry::by).containsExactly(
                tuple(Kind.ALERT, "alertmanager"), tuple(Kind.WINDOW, "ops"), tuple(Kind.DECISION, "alertpilot"));
        assertThat(model.timeline("fp-9").get(2).facts()).containsEntry("guard", "maintenance")
                .containsEntry("window", "w-shop (node upgrade)");
        assertThat(model.timeline("fp-9").get(1).facts()).containsEntry("matchers", "namespace=\"shop\"");
    }

    @Test
    void aReopenedIncidentKeepsTheAcknowledgementAndResolutionOfItsEarlierVersions() {
        model.onIncident(incident("fp-re", IncidentState.ACKNOWLEDGED, 2, "shop", Severity.CRITICAL, 0, at(60), "ann",
                null, null));
        model.onIncident(incident("fp-re", IncidentState.RESOLVED, 3, "shop", Severity.CRITICAL, 0, at(60), "ann",
                at(120), "ann"));
        model.onIncident(incident("fp-re", IncidentState.TRIGGERED, 4, "shop", Severity.CRITICAL, 0));

        assertThat(model.incident("fp-re")).hasValueSatisfying(
                view -> assertThat(view.state()).isEqualTo(IncidentState.TRIGGERED));
        assertThat(model.timeline("fp-re")).extracting(TimelineEntry::kind, TimelineEntry::by, TimelineEntry::at)
                .containsExactly(tuple(Kind.ACKNOWLEDGEMENT, "ann", at(60)), tuple(Kind.RESOLUTION, "ann", at(120)));
    }

    @Test
    void aCommandWithoutItsInstantReadAgainLaterIsHeldOnce() {
        model.onRemediation(remediation("r-5", "fp-5", RemediationPhase.PENDING_APPROVAL, 1, null, null));
        RemediationCommand command = new RemediationCommand(RemediationCommand.Type.APPROVE, "r-5", "ann", "slack",
                null);
        model.onCommand(command);
        clock.advance(Duration.ofMinutes(5));
        model.onCommand(command);

        assertThat(model.timeline("fp-5")).filteredOn(e -> e.kind() == Kind.APPROVAL)
                .extracting(TimelineEntry::title).containsExactly("approved by ann (slack)");
        assertThat(model.audit(new AuditQuery("approval", null, null, null, null, 10)).total()).isEqualTo(1);
        assertThat(model.size()).isEqualTo(2);
    }

    @Test
    void aFlappingAlertShowsItsNewestOccurrencesAndHowManyEarlierOnesAreLeftOut() {
        for (int i = 0; i < Timeline.ALERTS_SHOWN + 7; i++) {
            model.onAlert(firing("fp-flap", "shop", i));
        }

        List<TimelineEntry> timeline = model.timeline("fp-flap");
        assertThat(timeline).hasSize(Timeline.ALERTS_SHOWN + 1).allMatch(e -> e.kind() == Kind.ALERT);
        assertThat(timeline.getFirst().title()).isEqualTo("7 earlier occurrences of PodCrashLooping not shown");
        assertThat(timeline.getFirst().facts()).containsEntry("left out", "7")
                .containsEntry("first received", at(0).toString()).containsEntry("last received", at(6).toString());
        assertThat(timeline.get(1).at()).isEqualTo(at(7));
        assertThat(timeline.getLast().at()).isEqualTo(at(Timeline.ALERTS_SHOWN + 6));
        assertThat(model.alerts("fp-flap")).hasSize(Timeline.ALERTS_SHOWN + 7);
    }

    @Test
    void aWindowActiveBeforeTheAlertOrBecomingActiveDuringItShowsWhatItHolds() {
        MaintenanceWindow before = window("w-before", "shop", 0, null);
        MaintenanceWindow during = new MaintenanceWindow("w-during", before.matchers(), at(200), null, null, true,
                false, null, "ops", at(0), null, null);
        MaintenanceWindow elsewhere = window("w-db", "db", 0, null);
        MaintenanceWindow over = window("w-over", "shop", 0, 50L);
        model.onMaintenanceEvent(windowEvent(MaintenanceEvent.Type.CREATED, before, "ops", 0));
        List.of(before, during, elsewhere, over).forEach(w -> model.onWindow(w.id(), w));
        model.onAlert(firing("fp-w", "shop", 100));
        model.onNotification(page("fp-w", 0, NotificationOutcome.DELIVERED, 300));

        assertThat(model.timeline("fp-w")).extracting(TimelineEntry::kind, TimelineEntry::at, TimelineEntry::title)
                .containsExactly(
                        tuple(Kind.ALERT, at(100), "PodCrashLooping firing"),
                        tuple(Kind.WINDOW, at(100),
                                "window w-before (node upgrade) active when the incident started: holds actions;"
                                        + " pages go on"),
                        tuple(Kind.WINDOW, at(200), "window w-during became active: holds pages; actions go on"),
                        tuple(Kind.PAGE, at(300), "paged pagerduty: primary (step 1): DELIVERED"));
        assertThat(model.timeline("fp-w").get(1).facts()).containsEntry("window", "w-before")
                .containsEntry("automation", "off").containsEntry("paging", "on")
                .containsEntry("matchers", "namespace=\"shop\"");
        assertThat(model.timeline("fp-w").get(1).by()).isEqualTo("ops");
    }

    @Test
    void aLimitOutOfRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> model.incidents(IncidentQuery.all(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("limit");
        assertThatThrownBy(() -> model.remediations(RemediationQuery.all(1001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("limit");
        assertThatThrownBy(() -> model.audit(new AuditQuery(null, null, null, null, null, 10_001)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("limit");
        assertThat(model.audit(new AuditQuery(null, null, null, null, null, 10_000)).items()).isEmpty();
    }

    private static List<String> ids(ListAnswer<IncidentView> answer) {
        return answer.items().stream().map(IncidentView::id).toList();
    }
}

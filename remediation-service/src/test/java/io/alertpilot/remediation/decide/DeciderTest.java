package io.alertpilot.remediation.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeciderTest {

    private static final String PLAYBOOKS = """
            playbooks:
              - name: note-the-recovery
                match: { alertname: KubePodCrashLooping, status: RESOLVED }
                actions: [ escalate ]
              - name: restart
                match: { alertname: KubePodCrashLooping, status: FIRING }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart ]
                guard: { cooldown: 10m, flapping: { maxTransitions: 1, window: 10m } }
              - name: failover
                match: { alertname: PrimaryDown }
                target: { kind: Service, namespace: "{{ labels.namespace }}", name: "{{ labels.service }}" }
                actions:
                  - failover: { selector: { role: standby }, revertOnRecovery: true }
              - name: to-a-human
                match: { alertname: NeedsHuman }
                actions: [ escalate ]
            """;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final Map<String, LedgerEntry> ledger = new HashMap<>();
    private final Map<String, String> holders = new HashMap<>();
    private final DecisionState state = new DecisionState() {
        @Override
        public LedgerEntry entry(String ledgerKey) {
            return ledger.getOrDefault(ledgerKey, LedgerEntry.empty(ledgerKey));
        }

        @Override
        public Optional<String> lockHolder(String ledgerKey) {
            return Optional.ofNullable(holders.get(ledgerKey));
        }
    };

    @TempDir
    Path dir;

    private Decider decider(boolean dryRun) {
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        return new Decider(new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(10, Duration.ofMinutes(1), clock), clock),
                new GuardDefaults(Duration.ZERO, 3, Duration.ofHours(1), 6, Duration.ofMinutes(30), 0), dryRun,
                Duration.ofMinutes(15), clock, KnownClusters.of(Set.of("default", "second")));
    }

    private PlaybookSet playbooks() throws IOException {
        Files.writeString(dir.resolve("p.yml"), PLAYBOOKS);
        return new PlaybookLibrary(List.of(dir.toString()), clock).current();
    }

    private static AlertEvent crash(AlertStatus status) {
        return Alerts.alert("KubePodCrashLooping", status, Map.of("namespace", "shop", "deployment", "api"), "crash");
    }

    @Test
    void aFiringAlertSkipsAPlaybookForResolvedAlertsListedFirst() throws IOException {
        Decision decision = decider(false).decide(playbooks(), crash(AlertStatus.FIRING), state);
        assertThat(decision).isInstanceOfSatisfying(Decision.Act.class, act -> {
            assertThat(act.checked().plan().playbook().name()).isEqualTo("restart");
            assertThat(act.checked().ledgerKey()).isEqualTo("default/shop/Deployment/api");
        });
        assertThat(decision.recovery()).isNull();
    }

    @Test
    void aResolvedAlertGoesToTheResolvedPlaybookAndEndsWhatTheFiringOneStarted() throws IOException {
        AlertEvent firing = crash(AlertStatus.FIRING);
        PendingApproval pending = new PendingApproval("r1", "restart", firing, 0, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(15)));
        PendingApproval other = new PendingApproval("r2", "restart",
                Alerts.alert("KubePodCrashLooping", AlertStatus.FIRING, Map.of(), "another"), 0, clock.instant(),
                clock.instant().plus(Duration.ofMinutes(15)));
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withPending(list -> {
            list.addAll(List.of(pending, other));
            return list;
        }, clock.instant()));

        Decision decision = decider(false).decide(playbooks(), crash(AlertStatus.RESOLVED), state);
        assertThat(decision).isInstanceOfSatisfying(Decision.Escalate.class, escalate ->
                assertThat(escalate.checked().plan().playbook().name()).isEqualTo("note-the-recovery"));
        assertThat(decision.recovery().ledgerKey()).isEqualTo(key);
        assertThat(decision.recovery().cancels()).containsExactly(pending);
    }

    @Test
    void aResolvedAlertWithoutAPlaybookForItsStatusStillSwitchesItsFailoverBack() throws IOException {
        String key = "default/db/Service/postgres";
        FailoverRecord failover = new FailoverRecord("primary", "failover", Map.of("role", "primary"), true);
        ledger.put(key, LedgerEntry.empty(key).withFailover(failover, clock.instant()));
        AlertEvent resolved = Alerts.alert("PrimaryDown", AlertStatus.RESOLVED,
                Map.of("namespace", "db", "service", "postgres"), "primary");

        Decision decision = decider(false).decide(playbooks(), resolved, state);
        // a playbook that names no status acts on FIRING alerts only
        assertThat(decision).isInstanceOf(Decision.NoPlaybook.class);
        assertThat(decision.recovery().revert()).isEqualTo(failover);
        LedgerEntry observed = decider(false).observe(ledger.get(key), resolved, decision.recovery());
        assertThat(observed.failover()).as("the record goes once the switch back succeeded, not before")
                .isEqualTo(failover);
    }

    @Test
    void targetlessPlaybooksKeepOneLedgerEntryPerPlaybookAndAlert() throws IOException {
        PlaybookSet set = playbooks();
        Decider decider = decider(false);
        String a = decider.match(set, Alerts.alert("NeedsHuman", AlertStatus.FIRING, Map.of(), "a")).actingKey();
        String b = decider.match(set, Alerts.alert("NeedsHuman", AlertStatus.FIRING, Map.of(), "b")).actingKey();
        assertThat(a).isEqualTo("default/-/-/-/to-a-human/a").isNotEqualTo(b);
        assertThat(LedgerKey.target(a)).isEqualTo(new ResolvedTarget("default", null, null, null));
        assertThat(LedgerKey.target("default/-/Node/n1")).isEqualTo(new ResolvedTarget("default", "Node", null, "n1"));
    }

    @Test
    void aHandledOccurrenceIsADuplicate() throws IOException {
        AlertEvent alert = crash(AlertStatus.FIRING);
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withHandled(alert.eventId(), clock.instant()));
        assertThat(decider(false).decide(playbooks(), alert, state)).isInstanceOf(Decision.Duplicate.class);
    }

    private static final String CONTINUE = """
            playbooks:
              - name: restart
                continue: true
                match: { alertname: ServiceDown }
                target: { kind: Deployment, namespace: shop, name: api }
                actions: [ restart ]
              - name: scale
                match: { alertname: ServiceDown, priority: [P1] }
                target: { kind: Deployment, namespace: shop, name: api }
                actions: [ { scale: { by: 1, max: 5 } } ]
              - name: after-the-search
                match: { alertname: ServiceDown }
                actions: [ escalate ]
            """;

    private PlaybookSet load(String yaml) throws IOException {
        Files.writeString(dir.resolve("p.yml"), yaml);
        return new PlaybookLibrary(List.of(dir.toString()), clock).current();
    }

    @Test
    void eachPlaybookOfAContinuedSearchIsDecidedOnItsOwnAndRecordsItsOwnOccurrence() throws IOException {
        PlaybookSet set = load(CONTINUE);
        Decider decider = decider(false);
        AlertEvent alert = Alerts.firing("ServiceDown", Map.of("priority", "P1")).fingerprint("down").build();

        List<Matched> parts = decider.matchAll(set, alert);
        assertThat(parts).extracting(m -> m.acting().playbook().name()).containsExactly("restart", "scale");
        assertThat(parts).extracting(Matched::occurrenceId)
                .containsExactly(alert.eventId(), alert.eventId() + "#scale");
        assertThat(decider.decideAll(set, alert, state)).hasSize(2).allMatch(d -> d instanceof Decision.Act);

        // the first playbook acted on the shared target: the second is not a duplicate of it, its guards decide
        String key = "default/shop/Deployment/api";
        ledger.put(key, decider.observe(LedgerEntry.empty(key), parts.getFirst(), null).withAttempt(clock.instant()));
        holders.put(key, "restart on replica-1");
        List<Decision> decisions = decider.decideAll(set, alert, state);
        assertThat(decisions.getFirst()).isInstanceOf(Decision.Duplicate.class);
        assertThat(decisions.get(1)).isInstanceOfSatisfying(Decision.Blocked.class,
                blocked -> assertThat(blocked.guard().guard()).isEqualTo(Guards.TARGET_LOCK));

        // once the second recorded it too, the occurrence is a duplicate for both
        ledger.put(key, decider.observe(ledger.get(key), parts.get(1), null));
        assertThat(decider.decideAll(set, alert, state)).allMatch(d -> d instanceof Decision.Duplicate);
    }

    @Test
    void withoutAnyPlaybookTheOnePartHasNoPlan() throws IOException {
        AlertEvent alert = Alerts.firing("Unknown").build();
        assertThat(decider(false).matchAll(load(CONTINUE), alert)).singleElement()
                .satisfies(m -> assertThat(m.acting()).isNull(), m -> assertThat(m.counterpart()).isNull());
    }

    @Test
    void aResolvedAlertEndsWhatEveryFiringCounterpartStarted() throws IOException {
        PlaybookSet set = load(CONTINUE.replace("name: api }\n    actions: [ { scale",
                "name: worker }\n    actions: [ { scale"));
        AlertEvent resolved = Alerts.resolved("ServiceDown", Map.of("priority", "P1")).fingerprint("down").build();
        List<Matched> parts = decider(false).matchAll(set, resolved);
        assertThat(parts).extracting(m -> m.acting() == null, m -> m.counterpart().playbook().name(),
                Matched::recoveryKey).containsExactly(
                        tuple(true, "restart", "default/shop/Deployment/api"),
                        tuple(true, "scale", "default/shop/Deployment/worker"));
    }

    @Test
    void theStatusChangeOfThisOccurrenceCountsForFlapping() throws IOException {
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withStatus("FIRING", clock.instant())
                .withStatus("RESOLVED", clock.instant()));
        Decision decision = decider(false).decide(playbooks(), crash(AlertStatus.FIRING), state);
        assertThat(decision).isInstanceOfSatisfying(Decision.Blocked.class,
                blocked -> assertThat(blocked.guard().guard()).isEqualTo(Guards.FLAPPING));
    }

    @Test
    void aGuardThatBlocksComesBeforeDryRunAndAHeldLockStopsWhatWouldAct() throws IOException {
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withAttempt(clock.instant()));
        assertThat(decider(true).decide(playbooks(), crash(AlertStatus.FIRING), state))
                .isInstanceOfSatisfying(Decision.Blocked.class,
                        blocked -> assertThat(blocked.guard().guard()).isEqualTo(Guards.COOLDOWN));

        ledger.clear();
        holders.put(key, "another-replica");
        holders.put("default/-/-/-/to-a-human/h", "another-replica");
        // a dry run predicts the live run: an action in progress on the target holds the planned one back too
        assertThat(decider(true).decide(playbooks(), crash(AlertStatus.FIRING), state))
                .isInstanceOfSatisfying(Decision.Blocked.class,
                        blocked -> assertThat(blocked.guard().guard()).isEqualTo(Guards.TARGET_LOCK));
        assertThat(decider(true).decide(playbooks(), Alerts.alert("NeedsHuman", AlertStatus.FIRING, Map.of(), "h"),
                state)).isInstanceOf(Decision.DryRun.class);
        assertThat(decider(false).decide(playbooks(), crash(AlertStatus.FIRING), state))
                .isInstanceOfSatisfying(Decision.Blocked.class,
                        blocked -> assertThat(blocked.guard().guard()).isEqualTo(Guards.TARGET_LOCK));
        assertThat(decider(false).decide(playbooks(), Alerts.alert("NeedsHuman", AlertStatus.FIRING, Map.of(), "h"),
                state)).isInstanceOf(Decision.Escalate.class);
    }
    private static AlertEvent crashIn(String cluster) {
        return Alerts.alert("KubePodCrashLooping", AlertStatus.FIRING,
                Map.of("cluster", cluster, "namespace", "shop", "deployment", "api"), "crash-" + cluster);
    }

    @Test
    void anAlertNamingAnUnknownClusterIsRefusedBeforeAnyStateIsReadAndNeverGoesToTheDefault() throws IOException {
        DecisionState untouchable = new DecisionState() {
            @Override
            public LedgerEntry entry(String ledgerKey) {
                return LedgerEntry.empty(ledgerKey);
            }

            @Override
            public Optional<String> lockHolder(String ledgerKey) {
                throw new AssertionError("the lock of " + ledgerKey + " was asked for");
            }
        };
        for (boolean dryRun : List.of(false, true)) {
            Decision decision = decider(dryRun).decide(playbooks(), crashIn("nope"), untouchable);
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
                assertThat(refused.plan().reason()).isEqualTo(KnownClusters.UNKNOWN_CLUSTER);
                assertThat(refused.plan().target().cluster()).isEqualTo("nope");
                assertThat(refused.plan().message()).contains("'nope'", "default, second");
                assertThat(refused.ledgerKey()).isEqualTo("nope/shop/Deployment/api");
            });
        }
        assertThat(decider(false).replan(playbooks(), "restart", crashIn("nope")))
                .hasValueSatisfying(plan -> assertThat(plan).isInstanceOfSatisfying(Plan.Refused.class,
                        refused -> assertThat(refused.reason()).isEqualTo(KnownClusters.UNKNOWN_CLUSTER)));
    }

    @Test
    void aMaintenanceWindowWithoutAutomationSkipsBeforeAnyGuardOrLockAndOnlyWhileActive() throws IOException {
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withAttempt(clock.instant()));
        MaintenanceWindow window = new MaintenanceWindow("w-7", List.of(WindowMatcher.equal("namespace", "shop")),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, false, true, "node upgrade", "alice",
                clock.instant(), null, null);
        for (boolean dryRun : List.of(false, true)) {
            Decision decision = decider(dryRun).decide(playbooks(), crash(AlertStatus.FIRING),
                    withWindow(window, false));
            assertThat(decision).isInstanceOfSatisfying(Decision.Blocked.class, blocked -> {
                assertThat(blocked.guard().guard()).as("not the cooldown the ledger holds").isEqualTo(Decider.MAINTENANCE);
                assertThat(blocked.guard().message()).contains("w-7", "node upgrade");
                assertThat(blocked.checked().verdicts()).containsExactly(blocked.guard());
            });
        }
        clock.advance(Duration.ofHours(1));
        ledger.clear();
        assertThat(decider(false).decide(playbooks(), crash(AlertStatus.FIRING), withWindow(window, true)))
                .isInstanceOf(Decision.Act.class);
    }

    /** The test state with {@code window} known; a lock that may not be asked fails the test when it is. */
    private DecisionState withWindow(MaintenanceWindow window, boolean lockMayBeAsked) {
        return new DecisionState() {
            @Override
            public LedgerEntry entry(String ledgerKey) {
                return state.entry(ledgerKey);
            }

            @Override
            public Optional<String> lockHolder(String ledgerKey) {
                if (!lockMayBeAsked) {
                    throw new AssertionError("the lock of " + ledgerKey + " was asked for");
                }
                return state.lockHolder(ledgerKey);
            }

            @Override
            public MaintenanceWindows windows() {
                return () -> List.of(window);
            }
        };
    }

    @Test
    void aPlanThatALedgerGuardHoldsBackDoesNotAskTheLockStore() throws IOException {
        String key = "default/shop/Deployment/api";
        ledger.put(key, LedgerEntry.empty(key).withAttempt(clock.instant()));
        DecisionState lockUnasked = new DecisionState() {
            @Override
            public LedgerEntry entry(String ledgerKey) {
                return state.entry(ledgerKey);
            }

            @Override
            public Optional<String> lockHolder(String ledgerKey) {
                throw new AssertionError("the lock of " + ledgerKey + " was asked for");
            }
        };

        Decision decision = decider(false).decide(playbooks(), crash(AlertStatus.FIRING), lockUnasked);

        assertThat(decision).isInstanceOfSatisfying(Decision.Blocked.class, blocked -> {
            assertThat(blocked.guard().guard()).isEqualTo(Guards.COOLDOWN);
            assertThat(blocked.checked().verdicts()).filteredOn(v -> v.guard().equals(Guards.TARGET_LOCK))
                    .singleElement().satisfies(lock -> assertThat(lock.blocks()).isFalse());
        });
    }

    @Test
    void aNamedKnownClusterIsActedInAndAnAlertNamingNoneGetsTheDefault() throws IOException {
        assertThat(decider(false).decide(playbooks(), crashIn("second"), state))
                .isInstanceOfSatisfying(Decision.Act.class, act ->
                        assertThat(act.checked().plan().target().cluster()).isEqualTo("second"));
        assertThat(decider(false).decide(playbooks(), crash(AlertStatus.FIRING), state))
                .isInstanceOfSatisfying(Decision.Act.class, act ->
                        assertThat(act.checked().plan().target().cluster()).isEqualTo("default"));
    }

    @Test
    void withoutAnyConfiguredClusterEveryNameIsOnlyPlanned() {
        KnownClusters none = KnownClusters.unchecked();
        assertThat(none.knows("nope")).isTrue();
        assertThat(KnownClusters.of(Set.of("default")).knows("nope")).isFalse();
        assertThat(KnownClusters.of(Set.of("default")).knows(null)).isTrue();
    }
}

package io.alertpilot.support.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.AcknowledgedSenderIT;
import io.alertpilot.support.kafka.InJvmBroker;
import io.alertpilot.testing.KafkaReadBack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** Two replicas' views of the window topic on one broker, and a third started later (a restart). */
class KafkaMaintenanceWindowsIT {

    static final MaintenanceProperties PROPERTIES = new MaintenanceProperties(Topics.MAINTENANCE_WINDOWS,
            Topics.MAINTENANCE_EVENTS, Topics.INCIDENTS, 0, Duration.ofSeconds(10), Duration.ofSeconds(1));
    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    static InJvmBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new InJvmBroker(Topics.MAINTENANCE_WINDOWS, Topics.MAINTENANCE_EVENTS);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static KafkaMaintenanceWindows replica() {
        AcknowledgedSender sender = AcknowledgedSenderIT.senderTo(broker.settings(), Map.of());
        return new KafkaMaintenanceWindows(broker.settings(), sender, PROPERTIES);
    }

    @Test
    void aWindowCreatedOnOneReplicaAppliesOnTheOtherWithinASecondAndSurvivesARestart() {
        KafkaMaintenanceWindows first = replica();
        KafkaMaintenanceWindows second = replica();
        try {
            // both read the topic (without this window; other tests of the class may have written theirs) and follow it
            assertThat(first.all()).extracting(MaintenanceWindow::id).doesNotContain("w-shop");
            assertThat(second.all()).extracting(MaintenanceWindow::id).doesNotContain("w-shop");

            MaintenanceWindow window = new MaintenanceWindow("w-shop", List.of(WindowMatcher.equal("namespace", "shop")),
                    NOW, null, null, false, true, "node upgrade", "alice", NOW, null, null);

            first.create(window);

            assertThat(first.find("w-shop")).contains(window);
            await().atMost(Duration.ofSeconds(1)).until(() -> second.find("w-shop").isPresent());

            MaintenanceWindow ended = second.end("w-shop", "bob", NOW.plusSeconds(60), "upgrade done").orElseThrow();
            assertThat(ended.endedBy()).isEqualTo("bob");
            assertThat(ended.endedReason()).isEqualTo("upgrade done");
            await().atMost(Duration.ofSeconds(1))
                    .until(() -> first.find("w-shop").map(w -> "bob".equals(w.endedBy())).orElse(false));
        } finally {
            first.close();
            second.close();
        }

        KafkaMaintenanceWindows restarted = replica();
        try {
            assertThat(restarted.find("w-shop")).hasValueSatisfying(w -> {
                assertThat(w.endedAt()).isEqualTo(NOW.plusSeconds(60));
                assertThat(w.reason()).isEqualTo("node upgrade");
            });
            assertThat(restarted.end("nope", "bob", NOW)).isEmpty();
        } finally {
            restarted.close();
        }

        List<MaintenanceEvent> events = KafkaReadBack.readAllValues(broker.bootstrap(), Topics.MAINTENANCE_EVENTS,
                MaintenanceEvent.class).stream().filter(e -> e.windowId().equals("w-shop")).toList();
        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::by, MaintenanceEvent::reason)
                .containsExactly(
                        tuple(MaintenanceEvent.Type.CREATED, "alice", "node upgrade"),
                        tuple(MaintenanceEvent.Type.ENDED, "bob", "upgrade done"));
    }

    @Test
    void aWindowIsStoredAndAnsweredWhenItsEventFailsAndTheEventIsRetriedAndARetriedEndWritesItsEventAgain() {
        AtomicInteger eventFailures = new AtomicInteger(1);
        AcknowledgedSender real = AcknowledgedSenderIT.senderTo(broker.settings(), Map.of());
        AcknowledgedSender flaky = new AcknowledgedSender(null) {
            @Override
            public RecordMetadata send(Outgoing record, Duration timeout) {
                if (record.topic().equals(Topics.MAINTENANCE_EVENTS) && eventFailures.getAndDecrement() > 0) {
                    throw new IllegalStateException("not acknowledged in time");
                }
                return real.send(record, timeout);
            }
        };
        KafkaMaintenanceWindows windows = new KafkaMaintenanceWindows(broker.settings(), flaky, PROPERTIES);
        try {
            MaintenanceWindow window = new MaintenanceWindow("w-flaky", List.of(), NOW, null, null, false, true,
                    "freeze", "alice", NOW, null, null);
            assertThat(windows.create(window)).isEqualTo(window);
            assertThat(windows.find("w-flaky")).contains(window);
            eventFailures.set(1);
            assertThat(windows.end("w-flaky", "bob", NOW.plusSeconds(5), "thaw")).hasValueSatisfying(
                    w -> assertThat(w.endedReason()).isEqualTo("thaw"));
            // the DELETE is retried: the window is ended already, its ENDED event is written again with the same id
            assertThat(windows.end("w-flaky", "carol", NOW.plusSeconds(9), "again")).hasValueSatisfying(w -> {
                assertThat(w.endedBy()).isEqualTo("bob");
                assertThat(w.endedReason()).isEqualTo("thaw");
            });
            try (KafkaReadBack<MaintenanceEvent> events = KafkaReadBack.open(broker.bootstrap(),
                    Topics.MAINTENANCE_EVENTS, MaintenanceEvent.class)) {
                List<MaintenanceEvent> flakyEvents = events.await(r -> r.key().equals("w-flaky"), 3).stream()
                        .map(r -> r.value()).toList();
                assertThat(flakyEvents).extracting(MaintenanceEvent::type, MaintenanceEvent::by,
                        MaintenanceEvent::reason).containsExactly(
                                tuple(MaintenanceEvent.Type.CREATED, "alice", "freeze"),
                                tuple(MaintenanceEvent.Type.ENDED, "bob", "thaw"),
                                tuple(MaintenanceEvent.Type.ENDED, "bob", "thaw"));
                assertThat(flakyEvents.get(1).eventId()).isEqualTo(flakyEvents.get(2).eventId());
            }
        } finally {
            windows.close();
        }
    }

    @Test
    void aReaderThatStoppedIsStartedAgainAndShowsInHealthMeanwhile() {
        KafkaMaintenanceWindows writer = replica();
        KafkaMaintenanceWindows follower = replica();
        MaintenanceWindowsHealthIndicator health = new MaintenanceWindowsHealthIndicator(follower);
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
            follower.keepRunning();
            await().atMost(Duration.ofSeconds(30)).until(follower::ready);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            // the reader fails after it loaded, as a broken connection would
            follower.reader().stop();
            writer.create(new MaintenanceWindow("w-late", List.of(), NOW, null, null, false, true, "late", "alice",
                    NOW, null, null));

            await().atMost(Duration.ofSeconds(30)).until(() -> follower.current()
                    .map(c -> c.stream().anyMatch(w -> w.id().equals("w-late"))).orElse(false));
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        } finally {
            writer.close();
            follower.close();
        }
    }
}

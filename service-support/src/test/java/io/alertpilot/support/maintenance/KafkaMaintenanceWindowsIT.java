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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two replicas' views of the window topic on one broker, and a third started later (a restart). */
class KafkaMaintenanceWindowsIT {

    static final MaintenanceProperties PROPERTIES = new MaintenanceProperties(Topics.MAINTENANCE_WINDOWS,
            Topics.MAINTENANCE_EVENTS, Topics.INCIDENTS, 0, Duration.ofSeconds(10));
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
            // both read the (empty) topic and follow it before anything is written
            assertThat(first.all()).isEmpty();
            assertThat(second.all()).isEmpty();

            MaintenanceWindow window = new MaintenanceWindow("w-shop", List.of(WindowMatcher.equal("namespace", "shop")),
                    NOW, null, null, false, true, "node upgrade", "alice", NOW, null, null);

            first.create(window);

            assertThat(first.find("w-shop")).contains(window);
            await().atMost(Duration.ofSeconds(1)).until(() -> second.find("w-shop").isPresent());

            MaintenanceWindow ended = second.end("w-shop", "bob", NOW.plusSeconds(60)).orElseThrow();
            assertThat(ended.endedBy()).isEqualTo("bob");
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
                MaintenanceEvent.class);
        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::by, MaintenanceEvent::reason)
                .containsExactly(
                        tuple(MaintenanceEvent.Type.CREATED, "alice", "node upgrade"),
                        tuple(MaintenanceEvent.Type.ENDED, "bob", "node upgrade"));
    }
}

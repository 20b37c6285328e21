package io.alertpilot.readmodel;

import static io.alertpilot.readmodel.ReadModelEvents.at;
import static io.alertpilot.readmodel.ReadModelEvents.firing;
import static io.alertpilot.readmodel.ReadModelEvents.incident;
import static io.alertpilot.readmodel.ReadModelEvents.page;
import static io.alertpilot.readmodel.ReadModelEvents.remediation;
import static io.alertpilot.readmodel.ReadModelEvents.window;
import static io.alertpilot.readmodel.ReadModelEvents.windowEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.support.kafka.InJvmBroker;
import io.alertpilot.testing.TestClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The follower against the in-JVM broker: every topic applied, a restart rebuilds the same answers; a missing topic,
 * a short retention, a failed step and an error.
 */
class ReadModelFollowerIT {

    static final Map<ReadModelTopics.Kind, String> TOPICS = Map.of(
            ReadModelTopics.Kind.ALERTS, "rm.alerts",
            ReadModelTopics.Kind.REMEDIATIONS, "rm.remediations",
            ReadModelTopics.Kind.REMEDIATION_COMMANDS, "rm.commands",
            ReadModelTopics.Kind.INCIDENTS, "rm.incidents",
            ReadModelTopics.Kind.NOTIFICATIONS, "rm.notifications",
            ReadModelTopics.Kind.MAINTENANCE_WINDOWS, "rm.windows",
            ReadModelTopics.Kind.MAINTENANCE_EVENTS, "rm.window-events");

    static InJvmBroker broker;
    static KafkaProducer<String, byte[]> producer;
    final TestClock clock = TestClock.at(at(3600));

    @BeforeAll
    static void startBroker() {
        // every topic but the window events, which appear after the follower started
        broker = new InJvmBroker(TOPICS.entrySet().stream()
                .filter(e -> e.getKey() != ReadModelTopics.Kind.MAINTENANCE_EVENTS)
                .map(Map.Entry::getValue).toArray(String[]::new));
        producer = new KafkaProducer<>(broker.settings().producer(), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.close();
    }

    @Test
    void appliesEveryTopicAndARestartedFollowerBuildsTheSameAnswers() throws Exception {
        MaintenanceWindow shop = window("w-shop", "shop", 0, null);
        MaintenanceWindow removed = window("w-removed", "db", 0, null);
        send(ReadModelTopics.Kind.ALERTS, "fp-1", "{not json".getBytes(StandardCharsets.UTF_8));
        send(ReadModelTopics.Kind.ALERTS, "fp-1", Json.write(firing("fp-1", "shop", 0)));
        send(ReadModelTopics.Kind.REMEDIATIONS, "t", Json.write(
                remediation("r-1", "fp-1", RemediationPhase.PENDING_APPROVAL, 1, null, null)));
        send(ReadModelTopics.Kind.REMEDIATION_COMMANDS, "r-1", Json.write(
                new RemediationCommand(RemediationCommand.Type.APPROVE, "r-1", "ann", "slack", at(20))));
        send(ReadModelTopics.Kind.NOTIFICATIONS, "fp-1",
                Json.write(page("fp-1", 0, NotificationOutcome.DELIVERED, 30)));
        send(ReadModelTopics.Kind.INCIDENTS, "fp-1", Json.write(incident("fp-1", IncidentState.ACKNOWLEDGED, 3, "shop",
                Severity.CRITICAL, 0, at(60), "ann", null, null)));
        send(ReadModelTopics.Kind.MAINTENANCE_WINDOWS, "w-shop", Json.write(shop));
        send(ReadModelTopics.Kind.MAINTENANCE_WINDOWS, "w-removed", Json.write(removed));
        send(ReadModelTopics.Kind.MAINTENANCE_WINDOWS, "w-removed", null);

        ReadModel first = new ReadModel(clock, Duration.ofDays(30), 1000);
        try (ReadModelFollower following = follower(first)) {
            following.start();
            await().atMost(Duration.ofSeconds(20)).until(following::caughtUp);

            // the window w-shop, active since the alert came, shows as the first window entry
            assertThat(first.timeline("fp-1")).extracting(TimelineEntry::kind).containsExactly(
                    TimelineEntry.Kind.ALERT, TimelineEntry.Kind.WINDOW, TimelineEntry.Kind.DECISION, TimelineEntry.Kind.APPROVAL,
                    TimelineEntry.Kind.PAGE, TimelineEntry.Kind.ACKNOWLEDGEMENT);
            assertThat(first.incident("fp-1")).hasValueSatisfying(
                    view -> assertThat(view.acknowledgedBy()).isEqualTo("ann"));
            assertThat(first.windows()).extracting(v -> v.window().id()).containsExactly("w-shop");
            assertThat(following.unreadable(ReadModelTopics.Kind.ALERTS)).isEqualTo(1.0);

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(TOPICS.get(ReadModelTopics.Kind.MAINTENANCE_EVENTS), 1,
                        (short) 1))).all().get(10, TimeUnit.SECONDS);
            }
            send(ReadModelTopics.Kind.MAINTENANCE_EVENTS, "w-shop",
                    Json.write(windowEvent(MaintenanceEvent.Type.CREATED, shop, "ops", 40)));
            await().atMost(Duration.ofSeconds(20)).until(() -> first.audit(new AuditQuery("window", null, null,
                    null, null, 10)).total() == 1);
            assertThat(first.timeline("fp-1")).filteredOn(e -> e.kind() == TimelineEntry.Kind.WINDOW)
                    .extracting(e -> e.facts().get("event")).containsExactly(null, "CREATED");

            ReadModel restarted = new ReadModel(clock, Duration.ofDays(30), 1000);
            try (ReadModelFollower again = follower(restarted)) {
                again.start();
                await().atMost(Duration.ofSeconds(20)).until(again::caughtUp);

                assertThat(restarted.incidents(IncidentQuery.all(100)))
                        .isEqualTo(first.incidents(IncidentQuery.all(100)));
                assertThat(restarted.timeline("fp-1")).isEqualTo(first.timeline("fp-1"));
                assertThat(restarted.remediations(RemediationQuery.all(100)))
                        .isEqualTo(first.remediations(RemediationQuery.all(100)));
                assertThat(restarted.windows()).isEqualTo(first.windows());
                AuditQuery everything = new AuditQuery(null, null, null, null, null, 100);
                assertThat(restarted.audit(everything)).isEqualTo(first.audit(everything));
                assertThat(restarted.size()).isEqualTo(first.size()).isEqualTo(5);
            }
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aTopicNotThereYetCountsAsCaughtUpAndAnEventTopicKeptShorterThanTheRetentionIsNamedOnce(
            CapturedOutput output) throws Exception {
        createTopic("rm.short-alerts", Duration.ofDays(7));
        createTopic("rm.long-notifications", Duration.ofDays(30));
        ReadModel model = new ReadModel(clock, Duration.ofDays(30), 1000);
        Map<ReadModelTopics.Kind, String> topics = Map.of(ReadModelTopics.Kind.ALERTS, "rm.short-alerts",
                ReadModelTopics.Kind.NOTIFICATIONS, "rm.long-notifications",
                ReadModelTopics.Kind.REMEDIATION_COMMANDS, "rm.never-created");
        try (ReadModelFollower following = new ReadModelFollower(broker.settings(),
                List.of(new ReadModelTopics(topics)), model, Duration.ofDays(30), clock, new SimpleMeterRegistry())) {
            following.start();
            await().atMost(Duration.ofSeconds(20)).until(following::caughtUp);
            assertThat(new ReadModelHealthIndicator(following, model).health().getStatus()).isEqualTo(Status.UP);

            await().atMost(Duration.ofSeconds(20)).until(() -> output.getOut().contains("topic rm.short-alerts keeps"));
            assertThat(output.getOut()).containsOnlyOnce("topic rm.short-alerts keeps its records for PT168H")
                    .doesNotContain("topic rm.long-notifications keeps");
        }
    }

    @Test
    void aFailedStepKeepsTheConsumerAndItsPositionsAndAnErrorTakesTheHealthDown() throws Exception {
        createTopic("rm.kept-alerts", Duration.ofDays(30));
        sendTo("rm.kept-alerts", "{not json".getBytes(StandardCharsets.UTF_8));
        sendTo("rm.kept-alerts", Json.write(firing("fp-kept", "shop", 0)));
        AtomicBoolean failNext = new AtomicBoolean();
        Clock failingOnce = new Clock() {
            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (failNext.getAndSet(false)) {
                    throw new IllegalStateException("a step fails");
                }
                return clock.instant();
            }
        };
        ReadModel model = new ReadModel(clock, Duration.ofDays(30), 1000);
        model.addListener(change -> {
            if (change.id().equals("fp-fatal")) {
                throw new StackOverflowError("the follower dies");
            }
        });
        Map<ReadModelTopics.Kind, String> topics = Map.of(ReadModelTopics.Kind.ALERTS, "rm.kept-alerts",
                ReadModelTopics.Kind.NOTIFICATIONS, "rm.late-notifications");
        try (ReadModelFollower following = new ReadModelFollower(broker.settings(),
                List.of(new ReadModelTopics(topics)), model, Duration.ofDays(30), failingOnce,
                new SimpleMeterRegistry())) {
            following.start();
            await().atMost(Duration.ofSeconds(20)).until(following::caughtUp);
            assertThat(following.unreadable(ReadModelTopics.Kind.ALERTS)).isEqualTo(1.0);

            // positioning the topic that appears fails once: the alerts are not read again (the bad record is not
            // counted twice), the late topic is read once it is tried again
            failNext.set(true);
            createTopic("rm.late-notifications", Duration.ofDays(30));
            sendTo("rm.late-notifications", Json.write(page("fp-kept", 0, NotificationOutcome.DELIVERED, 30)));
            await().atMost(Duration.ofSeconds(20)).until(() -> model.timeline("fp-kept").size() == 2);
            assertThat(failNext).isFalse();
            sendTo("rm.kept-alerts", Json.write(firing("fp-later", "shop", 40)));
            await().atMost(Duration.ofSeconds(20)).until(() -> !model.alerts("fp-later").isEmpty());
            assertThat(following.unreadable(ReadModelTopics.Kind.ALERTS)).isEqualTo(1.0);

            ReadModelHealthIndicator health = new ReadModelHealthIndicator(following, model);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            sendTo("rm.kept-alerts", Json.write(firing("fp-fatal", "shop", 50)));
            await().atMost(Duration.ofSeconds(20)).until(() -> health.health().getStatus().equals(Status.DOWN));
            assertThat(health.health().getDetails().get("reason").toString()).contains("the follower died");
        }
    }

    static void createTopic(String name, Duration retention) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(Map.of("retention.ms",
                    String.valueOf(retention.toMillis()))))).all().get(10, TimeUnit.SECONDS);
        }
    }

    static void sendTo(String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, "k", value)).get(10, TimeUnit.SECONDS);
    }

    ReadModelFollower follower(ReadModel model) {
        return new ReadModelFollower(broker.settings(), List.of(new ReadModelTopics(TOPICS)), model,
                Duration.ofDays(30), clock, new SimpleMeterRegistry());
    }

    static void send(ReadModelTopics.Kind kind, String key, byte[] value)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(TOPICS.get(kind), key, value)).get(10, TimeUnit.SECONDS);
    }
}

package io.alertpilot.cli.replay;

import static io.alertpilot.cli.replay.ComparisonTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.ExitCodes;
import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.config.SchemaCheck;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import picocli.CommandLine;

class ReplayCommandIT {

    private static final Instant T0 = Alerts.T0;
    private static final Map<String, String> CHECKOUT = Map.of("namespace", "shop", "deployment", "checkout-api");
    private static final Map<String, String> CART = Map.of("namespace", "shop", "deployment", "cart");

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ScriptedEngine engine = new ScriptedEngine();
    private final String alertsTopic = "alerts-" + UUID.randomUUID();
    private final String remediationsTopic = "remediations-" + UUID.randomUUID();
    @TempDir
    private Path playbooks;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "true"));
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        producer.close();
        broker.destroy();
    }

    @BeforeEach
    void topics() throws Exception {
        admin.createTopics(List.of(new NewTopic(alertsTopic, 2, (short) 1), new NewTopic(remediationsTopic, 2,
                (short) 1))).all().get();
        Files.writeString(playbooks.resolve("playbooks.yaml"), "playbooks: []\n");
    }

    @Test
    void replaysTheAlertsOfTheRangeInRecordTimeOrderAcrossPartitions() throws Exception {
        AlertEvent before = send(alert(CHECKOUT), -60);
        AlertEvent checkout = send(alert(CHECKOUT), 0);
        AlertEvent cart = send(alert(CART), 30);
        AlertEvent again = send(alert(CHECKOUT), 180);
        AlertEvent after = send(alert(CART), 3600);

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(engine.given).extracting(ScriptedEngine.Given::alert).containsExactly(checkout, cart, again)
                .doesNotContain(before, after);
        assertThat(engine.given).extracting(ScriptedEngine.Given::at)
                .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(180));
        assertThat(engine.finishedAt).isEqualTo("2026-11-23T09:00:00Z");
        assertThat(out.toString()).contains("Replayed 3 alerts recorded from 2026-11-23T08:00:00Z to "
                + "2026-11-23T09:00:00Z");
    }

    @Test
    void printsWhatWouldHaveRunWhatTheGuardsStoppedThePagesAndTheDifference() throws Exception {
        AlertEvent first = send(alert(CHECKOUT), 0);
        AlertEvent second = send(alert(CHECKOUT), 180);
        record(event(first, RemediationPhase.PLANNED, null), 1);
        record(event(second, RemediationPhase.PLANNED, null), 181);
        engine.decisions.put(first.eventId(), List.of(event(first, RemediationPhase.STARTED, null)));
        engine.decisions.put(second.eventId(), List.of(event(second, RemediationPhase.SKIPPED, "cooldown")));
        engine.pages.put(second.eventId(), List.of(new ReplayEngine.Page(T0.plusSeconds(180), "pagerduty:primary",
                "trigger", "incident-1")));

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .containsPattern("restart-crashlooping-pods +restart +STARTED +1")
                .containsPattern("restart-crashlooping-pods +restart +SKIPPED +1")
                .containsPattern("Stopped by the guards \\(SKIPPED by reason\\):\\s+cooldown +1")
                .containsPattern("Pages that would have gone: 1\\s+pagerduty:primary +trigger +1")
                .contains("Compared with what did happen (2 recorded remediation events): 1 alerts agree, 1 differ")
                .contains("2026-11-23T08:03:00Z KubePodCrashLooping (alert event " + second.eventId() + ")")
                .contains("did:    restart-crashlooping-pods/restart PLANNED")
                .contains("replay: restart-crashlooping-pods/restart SKIPPED cooldown");
    }

    @Test
    void writesNothingToKafkaJoinsNoGroupAndCreatesNoTopic() throws Exception {
        AlertEvent first = send(alert(CHECKOUT), 0);
        record(event(first, RemediationPhase.STARTED, null), 1);
        Map<TopicPartition, Long> endsBefore = endOffsets();
        Set<String> groupsBefore = groups();
        String absent = "absent-" + UUID.randomUUID();

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z",
                "--remediations-topic", absent);

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(engine.given).hasSize(1);
        assertThat(endOffsets()).isEqualTo(endsBefore);
        assertThat(groups()).isEqualTo(groupsBefore);
        assertThat(admin.listTopics().names().get()).doesNotContain(absent);
    }

    @Test
    void printsOneJsonDocumentThatItsSchemaAccepts() throws Exception {
        AlertEvent first = send(alert(CHECKOUT), 0);
        AlertEvent second = send(alert(CHECKOUT), 180);
        record(event(first, RemediationPhase.STARTED, null), 1);
        engine.decisions.put(first.eventId(), List.of(event(first, RemediationPhase.STARTED, null)));
        engine.decisions.put(second.eventId(), List.of(event(second, RemediationPhase.SKIPPED, "cooldown")));

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z", "--format", "json");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(SchemaCheck.of("replay-report.schema.json").problems(out.toString())).isEmpty();
        var report = Json.mapper().readTree(out.toString());
        assertThat(report.get("alerts").asInt()).isEqualTo(2);
        assertThat(report.get("guardStops").get(0).get("reason").asString()).isEqualTo("cooldown");
        assertThat(report.get("comparison").get("differ").asInt()).isEqualTo(1);
        assertThat(report.get("comparison").get("differences").get(0).get("alertEventId").asString())
                .isEqualTo(second.eventId());
    }

    @Test
    void anAbsentAlertTopicIsUnreadableInput() {
        int exit = replay("--from", "2026-11-23T08:00:00Z", "--alerts-topic", "absent-" + UUID.randomUUID());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("topic absent-").contains("does not exist on " + broker.getBrokersAsString());
    }

    @Test
    void anUnreachableBrokerIsUnreadableInputNamingIt() {
        out.getBuffer().setLength(0);
        CommandLine cli = command();

        int exit = cli.execute("--bootstrap-server", "localhost:1", "--timeout", "1s", "--from", "now-1h",
                "--playbooks", playbooks.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read from the Kafka broker at localhost:1 within PT1S");
    }

    @Test
    void badTimesAndMissingFilesAreBadUsage() {
        assertThat(replay("--from", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'yesterday' is not a time");
        assertThat(replay("--from", "2026-11-23T09:00:00Z", "--to", "2026-11-23T08:00:00Z"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(command().execute("--bootstrap-server", broker.getBrokersAsString(), "--from", "now-1h",
                "--playbooks", playbooks.resolve("missing.yaml").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read " + playbooks.resolve("missing.yaml"));
        assertThat(engine.given).isEmpty();
    }

    private int replay(String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", broker.getBrokersAsString(),
                "--playbooks", playbooks.toString()));
        if (!List.of(args).contains("--alerts-topic")) {
            all.addAll(List.of("--alerts-topic", alertsTopic));
        }
        if (!List.of(args).contains("--remediations-topic")) {
            all.addAll(List.of("--remediations-topic", remediationsTopic));
        }
        all.addAll(List.of(args));
        return command().execute(all.toArray(String[]::new));
    }

    private CommandLine command() {
        Clock clock = Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC);
        CommandLine cli = new CommandLine(new ReplayCommand((books, policies) -> engine, clock));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UnreadableInputException) {
                cmd.getErr().println(e.getMessage());
                return ExitCodes.USAGE;
            }
            throw e;
        });
        return cli;
    }

    private static AlertEvent alert(Map<String, String> labels) {
        return Alerts.firing("KubePodCrashLooping", labels).build();
    }

    private AlertEvent send(AlertEvent alert, int second) throws Exception {
        producer.send(new ProducerRecord<>(alertsTopic, null, T0.plusSeconds(second).toEpochMilli(),
                alert.fingerprint(), Json.write(alert))).get();
        return alert;
    }

    private void record(RemediationEvent event, int second) throws Exception {
        producer.send(new ProducerRecord<>(remediationsTopic, null, T0.plusSeconds(second).toEpochMilli(),
                event.key(), Json.write(event))).get();
    }

    private static Map<TopicPartition, Long> endOffsets() throws Exception {
        Set<String> topics = admin.listTopics().names().get();
        Map<TopicPartition, OffsetSpec> query = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(p -> new TopicPartition(description.name(), p.partition())))
                .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(query).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((ListOffsetsResult.ListOffsetsResultInfo)
                        e.getValue()).offset()));
    }

    private static Set<String> groups() throws Exception {
        return admin.listGroups().all().get().stream().map(GroupListing::groupId).collect(Collectors.toSet());
    }
}

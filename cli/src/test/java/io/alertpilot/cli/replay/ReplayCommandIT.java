package io.alertpilot.cli.replay;

import static io.alertpilot.cli.replay.ComparisonTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.AlertPilotCli;
import io.alertpilot.cli.ExitCodes;
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
import java.time.Instant;
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
import tools.jackson.databind.JsonNode;

class ReplayCommandIT {

    private static final Instant T0 = Alerts.T0;
    private static final Map<String, String> CHECKOUT = Map.of("namespace", "shop", "deployment", "checkout-api");
    private static final Map<String, String> CART = Map.of("namespace", "shop", "deployment", "cart");
    private static final Path EXAMPLES = SchemaCheck.repository()
            .resolve("remediation-service/src/main/resources/playbooks/examples.yml");

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, byte[]> producer;
    private static Admin admin;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final String alertsTopic = "alerts-" + UUID.randomUUID();
    private final String remediationsTopic = "remediations-" + UUID.randomUUID();
    @TempDir
    private Path dir;

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
    }

    @Test
    void replaysTheRangeThroughTheCandidatePlaybooksAndShowsTheDifferenceFromWhatHappened() throws Exception {
        send(crashLooping(CHECKOUT, -60), -60);
        AlertEvent checkout = send(crashLooping(CHECKOUT, 0), 0);
        AlertEvent cart = send(crashLooping(CART, 30), 30);
        send(Alerts.resolve(checkout, T0.plusSeconds(60)), 60);
        AlertEvent again = send(crashLooping(CHECKOUT, 180), 180);
        send(crashLooping(CART, 3600), 3600);
        // standalone in dry run planned every occurrence: no guard saw the first plan
        record(event(checkout, RemediationPhase.PLANNED, null), 0);
        record(event(cart, RemediationPhase.PLANNED, null), 30);
        record(event(again, RemediationPhase.PLANNED, null), 180);

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Replayed 4 alerts recorded from 2026-11-23T08:00:00Z to 2026-11-23T09:00:00Z")
                .containsPattern("restart-crashlooping-pods +restart +STARTED +2\n")
                .containsPattern("restart-crashlooping-pods +restart +SKIPPED +1\n")
                .containsPattern("Stopped by the guards \\(SKIPPED by reason\\):\\s+cooldown +1\\n")
                .contains("Compared with what did happen (3 recorded remediation events): 3 alerts agree, 1 differ")
                .contains("2026-11-23T08:03:00Z KubePodCrashLooping (alert event " + again.eventId() + ")\n"
                        + "    did:    restart-crashlooping-pods/restart PLANNED\n"
                        + "    replay: restart-crashlooping-pods/restart SKIPPED cooldown");
    }

    @Test
    void writesNothingToKafkaJoinsNoGroupAndCreatesNoTopic() throws Exception {
        AlertEvent first = send(crashLooping(CHECKOUT, 0), 0);
        record(event(first, RemediationPhase.STARTED, null), 1);
        Map<TopicPartition, Long> endsBefore = endOffsets();
        Set<String> groupsBefore = groups();
        String absent = "absent-" + UUID.randomUUID();

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z",
                "--remediations-topic", absent);

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Replayed 1 alerts");
        assertThat(endOffsets()).isEqualTo(endsBefore);
        assertThat(groups()).isEqualTo(groupsBefore);
        assertThat(admin.listTopics().names().get()).doesNotContain(absent);
    }

    @Test
    void printsOneJsonDocumentThatItsSchemaAccepts() throws Exception {
        AlertEvent first = send(crashLooping(CHECKOUT, 0), 0);
        AlertEvent second = send(crashLooping(CHECKOUT, 180), 180);
        record(event(first, RemediationPhase.STARTED, null), 1);
        record(event(second, RemediationPhase.STARTED, null), 181);

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z", "--format", "json");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(SchemaCheck.of("replay-report.schema.json").problems(out.toString())).isEmpty();
        var report = Json.mapper().readTree(out.toString());
        assertThat(report.get("alerts").asInt()).isEqualTo(2);
        assertThat(report.get("guardStops").get(0).get("reason").asString()).isEqualTo("cooldown");
        assertThat(report.get("comparison").get("agree").asInt()).isEqualTo(1);
        JsonNode difference = report.get("comparison").get("differences").get(0);
        assertThat(difference.get("alertEventId").asString()).isEqualTo(second.eventId());
        assertThat(difference.get("recorded").get(0).get("phase").asString()).isEqualTo("STARTED");
        assertThat(difference.get("replayed").get(0).get("reason").asString()).isEqualTo("cooldown");
    }

    @Test
    void candidateSettingsAndPlaybooksChangeTheOutcome() throws Exception {
        send(crashLooping(CHECKOUT, 0), 0);
        send(crashLooping(CHECKOUT, 180), 180);
        Path candidate = Files.writeString(dir.resolve("candidate.yaml"), """
                playbooks:
                  - {name: restart-crashlooping-pods, match: {alertname: KubePodCrashLooping},
                     target: {kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}"},
                     actions: [restart: {}], guard: {cooldown: 1m}}
                """);

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--to", "2026-11-23T09:00:00Z",
                "--playbooks", candidate.toString(), "--set", "dry-run=true");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("restart-crashlooping-pods +restart +PLANNED +2\n")
                .doesNotContain("STARTED").contains("Stopped by the guards (SKIPPED by reason):\n  nothing");
    }

    @Test
    void anInvalidCandidatePlaybookIsUnreadableInputNamingTheFileAndKey() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), """
                playbooks:
                  - name: restart-crashlooping-pods
                    match: { alertname: KubePodCrashLooping }
                    target: { kind: Deployment, namespace: shop, name: checkout-api }
                    actions:
                      - restart: {}
                    gaurd: { cooldown: 1m }
                """);

        int exit = replay("--from", "2026-11-23T08:00:00Z", "--playbooks", broken.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("broken.yaml").contains("restart-crashlooping-pods").contains("gaurd");
    }

    @Test
    void anAbsentAlertTopicIsUnreadableInput() {
        int exit = replay("--from", "2026-11-23T08:00:00Z", "--alerts-topic", "absent-" + UUID.randomUUID());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("topic absent-")
                .contains("does not exist on " + broker.getBrokersAsString());
    }

    @Test
    void anUnreachableBrokerIsUnreadableInputNamingIt() {
        int exit = AlertPilotCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "replay",
                "--bootstrap-server", "localhost:1", "--timeout", "1s", "--from", "now-1h",
                "--playbooks", EXAMPLES.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read from the Kafka broker at localhost:1 within PT1S");
    }

    @Test
    void badTimesSettingsAndMissingFilesAreBadUsage() {
        assertThat(replay("--from", "yesterday")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'yesterday' is not a time");
        assertThat(replay("--from", "2026-11-23T09:00:00Z", "--to", "2026-11-23T08:00:00Z"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("the range must end after it starts");
        assertThat(replay("--from", "now-1h", "--set", "guard.colddown=1m")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("guard.colddown");
        assertThat(replay("--from", "now-1h", "--playbooks", dir.resolve("missing.yaml").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot read " + dir.resolve("missing.yaml"));
    }

    /** Runs {@code alertpilot replay} on the test's topics and the example playbooks unless {@code args} say. */
    private int replay(String... args) {
        List<String> all = new ArrayList<>(List.of("replay", "--bootstrap-server", broker.getBrokersAsString()));
        if (!List.of(args).contains("--playbooks")) {
            all.addAll(List.of("--playbooks", EXAMPLES.toString()));
        }
        if (!List.of(args).contains("--alerts-topic")) {
            all.addAll(List.of("--alerts-topic", alertsTopic));
        }
        if (!List.of(args).contains("--remediations-topic")) {
            all.addAll(List.of("--remediations-topic", remediationsTopic));
        }
        all.addAll(List.of(args));
        return AlertPilotCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
    }

    private static AlertEvent crashLooping(Map<String, String> labels, int second) {
        return Alerts.firing("KubePodCrashLooping", labels).label("severity", "critical")
                .receivedAt(T0.plusSeconds(second)).build();
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

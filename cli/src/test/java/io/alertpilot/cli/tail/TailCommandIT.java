package io.alertpilot.cli.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.cli.AlertPilotCli;
import io.alertpilot.cli.CliRun;
import io.alertpilot.cli.ExitCodes;
import io.alertpilot.model.kafka.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** {@code alertpilot tail} against the in-JVM KRaft broker; each test uses a topic of its own. */
class TailCommandIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, Topics.ALERTS, Topics.REMEDIATIONS, Topics.INCIDENTS,
                Topics.NOTIFICATIONS);
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @Test
    void printsRecordsWrittenBeforeAndAfterItStartedAsOneCompactJsonObjectALine() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        send(Topics.ALERTS, Instant.now(), "{ \"eventId\" : \"before\",\n  \"name\": \"KubePodCrashLooping\" }");

        CompletableFuture<Integer> tail = tailAsync("alerts", "--from", start.toString(), "--max", "2");
        await().atMost(BOUND).until(() -> out.toString().contains("before"));
        send(Topics.ALERTS, Instant.now(), "{\"eventId\": \"after\", \"name\": \"KubePodCrashLooping\"}");

        assertThat(tail.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).containsExactly(
                "{\"eventId\":\"before\",\"name\":\"KubePodCrashLooping\"}",
                "{\"eventId\":\"after\",\"name\":\"KubePodCrashLooping\"}");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            assertThat(admin.listGroups().all().get(BOUND.toSeconds(), TimeUnit.SECONDS))
                    .as("tail joins no consumer group and commits nothing").isEmpty();
        }
    }

    @Test
    void fromADurationAgoSkipsOlderRecordsAndStopsAfterTheTimeoutWithoutRecords() throws Exception {
        Instant now = Instant.now();
        send(Topics.INCIDENTS, now.minus(Duration.ofHours(3)), "{\"id\":\"old-1\"}");
        send(Topics.INCIDENTS, now.minus(Duration.ofHours(2)), "{\"id\":\"old-2\"}");
        send(Topics.INCIDENTS, now.minus(Duration.ofMinutes(10)), "{\"id\":\"recent-1\"}");
        send(Topics.INCIDENTS, now.minus(Duration.ofMinutes(5)), "not json");
        send(Topics.INCIDENTS, now.minus(Duration.ofMinutes(1)), "{\"id\":\"recent-2\"}");

        CliRun run = CliRun.of("tail", "incidents", "--bootstrap-server", broker.getBrokersAsString(),
                "--from", "1h", "--timeout", "4s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out().lines()).containsExactly("{\"id\":\"recent-1\"}", "{\"id\":\"recent-2\"}");
        assertThat(run.err()).contains(Topics.INCIDENTS + "-0@", "is not JSON");
    }

    @Test
    void withoutFromPrintsOnlyRecordsWrittenAfterItStarted() throws Exception {
        send(Topics.REMEDIATIONS, Instant.now(), "{\"eventId\":\"earlier\"}");

        CompletableFuture<Integer> tail = tailAsync("remediations", "--max", "1");
        await().atMost(BOUND).until(() -> err.toString().contains("following " + Topics.REMEDIATIONS));
        send(Topics.REMEDIATIONS, Instant.now(), "{\"eventId\":\"later\"}");

        assertThat(tail.get(BOUND.toSeconds(), TimeUnit.SECONDS)).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).containsExactly("{\"eventId\":\"later\"}");
    }

    @Test
    void anUnreachableBrokerIsUnreadableInputNamingTheAddress() {
        CliRun run = CliRun.of("tail", "alerts", "--bootstrap-server", "127.0.0.1:1", "--connect-timeout", "2s");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1");
    }

    @Test
    void aMissingCommandConfigIsUnreadableInputNamingTheFile() {
        CliRun run = CliRun.of("tail", "alerts", "--bootstrap-server", broker.getBrokersAsString(),
                "--command-config", "no/such/client.properties");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no/such/client.properties");
    }

    @Test
    void anUnknownTopicNameIsBadUsage() {
        CliRun run = CliRun.of("tail", "pages", "--bootstrap-server", broker.getBrokersAsString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("unknown topic 'pages'", "alerts", "incidents");
    }

    private CompletableFuture<Integer> tailAsync(String topic, String... options) {
        String[] args = new String[options.length + 4];
        args[0] = "tail";
        args[1] = topic;
        args[2] = "--bootstrap-server";
        args[3] = broker.getBrokersAsString();
        System.arraycopy(options, 0, args, 4, options.length);
        return CompletableFuture.supplyAsync(
                () -> AlertPilotCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args));
    }

    /** Sends {@code value} stamped {@code at}, keyed so that one test's records share a partition, in order. */
    private static void send(String topic, Instant at, String value) throws Exception {
        producer.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), "key-" + topic,
                value.getBytes(StandardCharsets.UTF_8))).get(BOUND.toSeconds(), TimeUnit.SECONDS);
    }
}

package io.alertpilot.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.ingest.IngestApplication;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Kafka refusing writes mid-stream (the topic's record size limit is lowered below the size of an alert, so the
 * broker rejects every write): every call in that window gets 503, and every alert that got a 2xx is on Kafka.
 * {@link KafkaDownIT} covers a broker that cannot be reached at all.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.ingest.auth.tokens=" + WebhookIngestContract.TOKEN,
            "alertpilot.ingest.publish-timeout=2s",
            "alertpilot.ingest.topics.partitions=2",
            "logging.structured.format.console="
        })
class NoUnacknowledgedAlertIsAcceptedIT {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void no2xxIsEverReturnedForAnAlertKafkaDidNotAcknowledge() throws Exception {
        ApiClient http = ApiClient.at(port);
        Set<String> acknowledged = new HashSet<>();
        List<Integer> statusesWhileRefusing = new ArrayList<>();

        post(http, 10, acknowledged, new ArrayList<>());
        maxMessageBytes("64");
        // the broker applies the new setting shortly after it was accepted: alerts acknowledged until then count too
        await().atMost(Duration.ofSeconds(30)).until(() -> post(http, 1, acknowledged, new ArrayList<>()) == 503);
        post(http, 4, acknowledged, statusesWhileRefusing);
        maxMessageBytes("1048588");
        // once it accepts writes again, alerts are accepted again
        await().atMost(Duration.ofSeconds(30)).until(() -> post(http, 1, acknowledged, new ArrayList<>()) == 202);
        post(http, 10, acknowledged, new ArrayList<>());

        assertThat(statusesWhileRefusing).as("while Kafka refuses every write").containsOnly(503);
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(20);
        try (KafkaReadBack<AlertEvent> records = KafkaReadBack.open(broker.getBrokersAsString(), Topics.ALERTS,
                AlertEvent.class)) {
            records.await(record -> acknowledged.contains(record.value().name()), acknowledged.size());
        }
    }

    /** Posts {@code count} generic alerts with unique names; names of 2xx answers go to {@code acknowledged}. */
    private static int post(ApiClient http, int count, Set<String> acknowledged, List<Integer> statuses) {
        for (int i = 0; i < count; i++) {
            String name = "Fault-" + UUID.randomUUID();
            ApiResponse response = http.withToken(WebhookIngestContract.TOKEN).send("POST",
                    WebhookIngestContract.GENERIC, "application/json",
                    ("[{\"name\":\"" + name + "\",\"status\":\"firing\"}]").getBytes(StandardCharsets.UTF_8));
            statuses.add(response.status());
            if (response.status() / 100 == 2) {
                acknowledged.add(name);
            } else {
                assertThat(response.status()).isEqualTo(503);
            }
        }
        return statuses.getLast();
    }

    private void maxMessageBytes(String value) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.ALERTS),
                    List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", value),
                            AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

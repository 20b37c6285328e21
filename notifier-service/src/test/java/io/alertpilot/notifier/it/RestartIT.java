package io.alertpilot.notifier.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.support.kafka.JsonValueSerializer;
import io.alertpilot.notifier.NotifierApplication;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The service stopped in the middle of an escalation and started again (a new Spring context, so new listener
 * containers and an empty memory, on the same topics): the incident and its timer come back from the compacted
 * incident topic, the next step fires when due and not before, no step is sent twice, and re-reading every alert
 * record from the beginning (a new consumer group) sends nothing again.
 */
@EmbeddedKafka(partitions = 3, topics = {RestartIT.ALERTS, RestartIT.REMEDIATIONS})
class RestartIT {

    static final String ALERTS = "restart.alerts.v1";
    static final String REMEDIATIONS = "restart.remediations.v1";
    static final String PRIMARY_KEY = "0123456789abcdef0123456789abcdef";
    static final String SECONDARY_KEY = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String FP = "5e1f2a3b4c5d6e7f";

    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());
    final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:00:00Z"));

    @BeforeAll
    static void startWireMock() {
        WIREMOCK.start();
        WIREMOCK.stubFor(post("/pagerduty/enqueue").willReturn(aResponse().withStatus(202)));
    }

    @AfterAll
    static void stopWireMock() {
        WIREMOCK.stop();
    }

    private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String groupId) {
        return new SpringApplicationBuilder(NotifierApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .properties(Map.ofEntries(
                        Map.entry("spring.kafka.bootstrap-servers", broker.getBrokersAsString()),
                        Map.entry("alertpilot.api.auth.tokens", "restart-token"),
                        Map.entry("alertpilot.notifier.group-id", groupId),
                        Map.entry("alertpilot.notifier.topics.alerts", ALERTS),
                        Map.entry("alertpilot.notifier.topics.remediations", REMEDIATIONS),
                        Map.entry("alertpilot.notifier.topics.incidents", "restart.incidents.v1"),
                        Map.entry("alertpilot.notifier.topics.notifications", "restart.notifications.v1"),
                        Map.entry("alertpilot.notifier.topics.commands", "restart.commands.v1"),
                        Map.entry("alertpilot.notifier.topics.partitions", "3"),
                        Map.entry("alertpilot.notifier.tick-interval", "100ms"),
                        Map.entry("alertpilot.notifier.channels.pagerduty-url", WIREMOCK.baseUrl() + "/pagerduty/enqueue"),
                        Map.entry("alertpilot.notifier.secrets.pagerduty.routing-keys.primary", PRIMARY_KEY),
                        Map.entry("alertpilot.notifier.secrets.pagerduty.routing-keys.secondary", SECONDARY_KEY),
                        Map.entry("logging.structured.format.console", ""),
                        Map.entry("logging.level.org.apache.kafka", "WARN"),
                        Map.entry("logging.level.kafka", "WARN")))
                // an argument wins over application.yml's server.port, which a default property would not
                .run("--server.port=0");
    }

    private static List<LoggedRequest> triggers(String routingKey) {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo("/pagerduty/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("alertmanager:" + FP)))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger")))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(routingKey))));
    }

    private static void publish(EmbeddedKafkaBroker broker, AlertEvent alert) throws Exception {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new JsonValueSerializer())) {
            producer.send(new ProducerRecord<>(ALERTS, alert.fingerprint(), alert)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theNextStepFiresOnTimeAfterARestartAndNoStepIsSentTwice(EmbeddedKafkaBroker broker) throws Exception {
        Instant escalatedAt;
        try (ConfigurableApplicationContext first = start(broker, "alertpilot-notifier-restart")) {
            IncidentService service = first.getBean(IncidentService.class);
            publish(broker, Events.firing(FP, Severity.CRITICAL, clock.instant()));
            await().atMost(Duration.ofSeconds(20)).until(() -> service.get(FP).isPresent());
            escalatedAt = clock.advance(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(15)).until(() -> triggers(PRIMARY_KEY).size() == 1
                    && service.get(FP).orElseThrow().outbox().isEmpty());
            assertThat(service.get(FP).orElseThrow().nextEscalationAt()).isEqualTo(escalatedAt.plus(Duration.ofMinutes(5)));
        }

        // the secondary is due 5 minutes after the escalation started; the service comes back one second before
        clock.set(escalatedAt.plus(Duration.ofMinutes(5)).minusSeconds(1));
        try (ConfigurableApplicationContext second = start(broker, "alertpilot-notifier-restart")) {
            IncidentService service = second.getBean(IncidentService.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get(FP).isPresent());
            Incident restored = service.get(FP).orElseThrow();
            assertThat(restored.state()).isEqualTo(IncidentState.ESCALATED);
            assertThat(restored.step()).isZero();
            assertThat(service.tick()).isZero();
            assertThat(triggers(SECONDARY_KEY)).isEmpty();

            clock.advance(Duration.ofSeconds(1));
            await().atMost(Duration.ofSeconds(15)).until(() -> triggers(SECONDARY_KEY).size() == 1
                    && service.get(FP).orElseThrow().outbox().isEmpty());
            assertThat(service.get(FP).orElseThrow().step()).isEqualTo(1);
        }
        assertThat(triggers(PRIMARY_KEY)).hasSize(1);

        // every alert record read again from the beginning (a new consumer group): nothing is sent again
        try (ConfigurableApplicationContext third = start(broker, "alertpilot-notifier-reread")) {
            IncidentService service = third.getBean(IncidentService.class);
            AlertEvent marker = Events.firing(FP, Severity.CRITICAL, clock.instant().plusMillis(1));
            publish(broker, marker);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.get(FP)
                    .map(incident -> marker.receivedAt().equals(incident.lastAlertAt())).orElse(false));
            service.tick();
        }
        assertThat(triggers(PRIMARY_KEY)).hasSize(1);
        assertThat(triggers(SECONDARY_KEY)).hasSize(1);
    }
}

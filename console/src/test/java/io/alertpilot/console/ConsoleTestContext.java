package io.alertpilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.support.kafka.JsonValueSerializer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The console's test context, shared by its integration tests (one context, one broker): the console in one Spring
 * context: the in-JVM Kafka broker its read model follows, and WireMock standing in for
 * remediation and the notifier (commands, playbooks, health). Each test uses its own incident and remediation ids.
 */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "alertpilot.api.users.vic.token=vic-token",
                "alertpilot.api.users.vic.roles=viewer",
                "alertpilot.api.users.rita.token=rita-token",
                "alertpilot.api.users.rita.roles=viewer,responder",
                "alertpilot.api.users.arno.token=arno-token",
                "alertpilot.api.users.arno.roles=viewer,approver",
                "alertpilot.api.users.ada.token=ada-token",
                "alertpilot.api.users.ada.roles=admin",
                "alertpilot.api.users.bob.password=bob-password",
                "alertpilot.api.users.bob.roles=viewer",
                "logging.structured.format.console=",
                "logging.level.org.apache.kafka=WARN",
                "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 1, topics = {Topics.ALERTS, Topics.REMEDIATIONS, Topics.REMEDIATION_COMMANDS,
        Topics.INCIDENTS, Topics.NOTIFICATIONS, Topics.MAINTENANCE_WINDOWS, Topics.MAINTENANCE_EVENTS})
abstract class ConsoleTestContext {

    static final WireMockServer SERVICES = new WireMockServer(options().dynamicPort());
    private static KafkaProducer<String, Object> producer;

    static {
        // one WireMock for every test class: they share the Spring context, which holds its URL
        SERVICES.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SERVICES::stop));
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("alertpilot.console.remediation-url", SERVICES::baseUrl);
        registry.add("alertpilot.console.notifier-url", SERVICES::baseUrl);
    }

    @Autowired
    WebApplicationContext context;
    @Autowired
    ReadModel readModel;
    @Autowired
    EmbeddedKafkaBroker broker;
    @LocalServerPort
    int port;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
        SERVICES.resetAll();
        SERVICES.stubFor(WireMock.post(urlPathMatching("/api/v1/.*")).willReturn(okJson("{}")));
    }

    MockHttpSession login(String token) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("token", token).with(csrf()))
                .andExpect(redirectedUrl("/incidents"));
        return session;
    }

    void publish(String topic, String key, Object value) {
        publishAll(topic, Map.of(key, value));
    }

    /** Publishes every value of {@code records} under its key, in the map's order, and waits until they are sent. */
    void publishAll(String topic, Map<String, ?> records) {
        KafkaProducer<String, Object> producer = producer();
        records.forEach((key, value) -> producer.send(new ProducerRecord<>(topic, key, value)));
        producer.flush();
    }

    /** The one producer of every test class (they share the broker), closed when the test JVM ends. */
    private synchronized KafkaProducer<String, Object> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, JsonValueSerializer.class));
            KafkaProducer<String, Object> created = producer;
            Runtime.getRuntime().addShutdownHook(new Thread(created::close));
        }
        return producer;
    }

    /** Publishes an incident with its alert and page and waits until the read model shows it. */
    String incident(Map<String, String> labels, Map<String, String> annotations, String runbook) {
        String id = "fp-" + UUID.randomUUID();
        publish(Topics.ALERTS, id, ConsoleEvents.firing(id, labels, annotations, runbook));
        publish(Topics.NOTIFICATIONS, id, ConsoleEvents.page(id));
        publish(Topics.INCIDENTS, id, ConsoleEvents.incident(id, IncidentState.ESCALATED, 1, labels, runbook, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.incident(id).isPresent()
                && readModel.timeline(id).size() >= 2);
        return id;
    }

    /** Publishes a remediation of incident {@code id} waiting for approval and waits until the read model shows it. */
    String pendingRemediation(String id) {
        String remediation = "r-" + UUID.randomUUID();
        publish(Topics.REMEDIATIONS, id, ConsoleEvents.remediation(remediation, id, RemediationPhase.PENDING_APPROVAL,
                null));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.remediation(remediation).isPresent());
        return remediation;
    }

    /** The page at {@code path}, which must answer 200. */
    String page(MockHttpSession session, String path) throws Exception {
        return mvc.perform(get(path).session(session)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
    }

    String incident() {
        return incident(Map.of("namespace", "shop"), Map.of(), "https://runbooks.example/crash");
    }

    void stubServicesForReads() {
        SERVICES.stubFor(WireMock.get(urlEqualTo("/api/v1/playbooks")).willReturn(okJson("""
                {"items": [{"name": "restart-crashlooping", "file": "default.yaml",
                  "alertNames": ["PodCrashLooping"], "actions": ["restart"], "approvalRequired": true,
                  "dryRun": true},
                 {"name": "scale-out-on-latency", "file": "default.yaml", "alertNames": ["HighLatency"],
                  "actions": ["scale"], "approvalRequired": true, "dryRun": null,
                  "guards": {"cooldown": "PT15M", "maxAttempts": 3, "window": "PT1H", "flapTransitions": 6,
                    "flapWindow": "PT30M", "minReadyReplicas": 1, "minReplicas": 2, "maxReplicas": 12,
                    "rateLimit": 20, "ratePeriod": "PT1M", "approvalRequired": true, "approvalTimeout": "PT4M12S",
                    "dryRun": true}}], "files": ["default.yaml"]}""")));
        SERVICES.stubFor(WireMock.get(urlEqualTo("/api/v1/playbooks/targets")).willReturn(okJson("""
                {"items": [{"playbook": "restart-crashlooping", "targetKey": "prod/shop/Deployment/checkout",
                  "cooldownUntil": "2030-01-01T00:00:00Z", "attemptsInWindow": 2, "maxAttempts": 3,
                  "flappingCount": 4, "lockHolder": "remediation-0", "lastPhase": "VERIFIED",
                  "lastActionAt": "2026-11-30T10:00:00Z"}], "total": 1}""")));
        SERVICES.stubFor(WireMock.get(urlEqualTo("/actuator/health")).willReturn(okJson("""
                {"status": "UP", "components": {
                  "kubernetesBreakers": {"status": "UP", "details": {"prod": "OPEN"}},
                  "channelBreakers": {"status": "UP", "details": {"pagerduty": "CLOSED"}}}}""")));
    }
}

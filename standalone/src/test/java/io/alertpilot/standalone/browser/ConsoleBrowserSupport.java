package io.alertpilot.standalone.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.standalone.DevelopmentTokenAddress;
import io.alertpilot.standalone.EmbeddedKafkaInitializer;
import io.alertpilot.standalone.StandaloneApplication;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What every console browser test class shares: one standalone application with its embedded broker (the same
 * configuration in every subclass, so the test framework starts it once for all of them), the operators, playbooks
 * and policy of {@link ConsoleFixtures}, and one headless chromium per class writing screenshots to
 * {@code <repository>/console/target/screenshots/}.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "alertpilot.standalone.kafka.port=0",
            "alertpilot.standalone.data-dir=target/it-data/${random.uuid}",
            "alertpilot.notifier.decision-window=1s",
            "alertpilot.ingest.auth.tokens=" + ConsoleFixtures.INGEST_TOKEN,
            "alertpilot.api.auth.tokens=" + ConsoleFixtures.API_TOKEN,
            // live, so that an approval waits for someone; the acting playbook plans only (its own dryRun)
            "alertpilot.remediation.dry-run=false",
            "alertpilot.remediation.kubernetes.enabled=true",
            "alertpilot.remediation.kubernetes.default-cluster=" + ConsoleFixtures.CLUSTER
        })
@ContextConfiguration(initializers = {DevelopmentTokenAddress.class, EmbeddedKafkaInitializer.class})
abstract class ConsoleBrowserSupport {

    static Browser browser;
    static ConsolePages pages;
    /** The cluster of the one application every subclass shares; it lives as long as the test JVM. */
    private static KubernetesMockServer cluster;

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @DynamicPropertySource
    static void directoriesAndOperators(DynamicPropertyRegistry registry) throws IOException {
        Path root = Files.createTempDirectory("console-browser-it");
        Path playbooks = ConsoleFixtures.playbooks(root);
        Path policies = ConsoleFixtures.policies(root);
        registry.add("alertpilot.remediation.playbooks.locations", playbooks::toString);
        registry.add("alertpilot.notifier.policies.directory", policies::toString);
        if (cluster == null) {
            cluster = ConsoleFixtures.cluster();
        }
        String masterUrl;
        try (KubernetesClient client = cluster.createClient()) {
            masterUrl = client.getMasterUrl().toString();
        }
        registry.add("alertpilot.remediation.kubernetes.clusters." + ConsoleFixtures.CLUSTER + ".master-url",
                () -> masterUrl);
        ConsoleFixtures.operatorProperties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @BeforeAll
    static void startBrowser() {
        Path screenshots = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("../console/target/screenshots").normalize();
        browser = Browser.start(screenshots);
        pages = new ConsolePages(browser);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** A failed test leaves the page it saw in {@code standalone/target/browser-failures/}. */
    @RegisterExtension
    static final TestWatcher KEEP_PAGE_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.keep(Path.of(System.getProperty("basedir", ".")).resolve("target/browser-failures"),
                        context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @BeforeEach
    void openThisConsole() {
        browser.useBaseUrl(baseUrl());
    }

    /** The standalone application's console (and APIs), as the browser reaches it. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Sends one firing alert to the Alertmanager webhook with the ingest token. */
    void fire(String fingerprint, Map<String, String> labels, Map<String, String> annotations) {
        ApiResponse response = ApiClient.at(port).withToken(ConsoleFixtures.INGEST_TOKEN).post(
                "/api/v1/webhooks/alertmanager", ConsoleFixtures.firing(fingerprint, labels, annotations));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }

    /**
     * The id of the remediation of the alert {@code fingerprint}, from the remediation API (only to tell its row
     * from others in the page).
     */
    String remediationOf(String fingerprint) {
        ApiClient api = ApiClient.at(port).withToken(ConsoleFixtures.API_TOKEN);
        return Awaitility.await().atMost(Browser.WAIT).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> {
                    JsonNode items = api.get("/api/v1/remediations?fingerprint=" + fingerprint).json().path("items");
                    return items.isEmpty() ? null : items.get(0).path("remediationId").asString();
                }, id -> id != null && !id.isBlank());
    }
}

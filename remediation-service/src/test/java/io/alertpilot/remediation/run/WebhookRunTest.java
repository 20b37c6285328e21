package io.alertpilot.remediation.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The webhook action through the whole run and the real HTTP client, against WireMock: what the endpoint receives
 * (rendered body, headers, bearer token, idempotency key), what a missing token does, and that a redelivered alert
 * calls the endpoint once.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookRunTest {

    private static final String TOKEN = "s3cr3t-webhook-token";

    private static final WireMockServer hook = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final TestRuns.Fixture fixture = new TestRuns.Fixture("test");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        hook.start();
    }

    @AfterAll
    static void stopHook() {
        hook.stop();
    }

    @BeforeEach
    void stub() {
        hook.resetAll();
        hook.stubFor(post("/runbooks/disk").willReturn(aResponse().withStatus(202)));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Remediator remediator(String target, String tokenFile) throws IOException {
        Files.writeString(dir.resolve("hooks.yml"), """
                playbooks:
                  - name: disk-hook
                    match: { alertname: DiskFull }
                    %s
                    actions:
                      - webhook:
                          url: http://localhost:%d/runbooks/disk
                          body: '{"host": "{{ labels.instance }}", "summary": "{{ annotations.summary }}"}'
                          headers: { X-Team: "{{ labels.team }}" }
                          tokenFile: %s
                """.formatted(target, hook.port(), tokenFile));
        return TestRuns.run(List.of(dir.resolve("hooks.yml").toString()), false, fixture.ledger, fixture.locks,
                new WebhookExecutor(null, Duration.ofSeconds(5)), fixture.events, fixture.scheduler, fixture.clock)
                .remediator();
    }

    private Path token() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, TOKEN + "\n");
        return file;
    }

    private static AlertEvent diskFull(String fingerprint) {
        return Alerts.firing("DiskFull", Map.of("instance", "db-1\"\n\"admin\": \"yes", "team", "storage",
                "namespace", "shop", "deployment", "db")).annotation("summary", "disk 99% full")
                .fingerprint(fingerprint).build();
    }

    private List<RemediationPhase> phases() {
        return fixture.events.stream().map(RemediationEvent::phase).toList();
    }

    @Test
    void theEndpointGetsTheRenderedBodyTheHeadersTheBearerAndTheRemediationAsIdempotencyKey(CapturedOutput output)
            throws IOException {
        remediator("", token().toString()).handle(diskFull("fp-1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases().contains(RemediationPhase.VERIFIED));
        String remediationId = fixture.events.getFirst().remediationId();
        hook.verify(1, postRequestedFor(urlEqualTo("/runbooks/disk"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Team", equalTo("storage"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Idempotency-Key", equalTo(remediationId))
                .withRequestBody(equalToJson("""
                        {"host": "db-1\\"\\n\\"admin\\": \\"yes", "summary": "disk 99% full"}""")));
        assertThat(fixture.events).allSatisfy(event -> assertThat(Json.writeString(event)).doesNotContain(TOKEN));
        assertThat(output.getAll()).doesNotContain(TOKEN);
    }

    @Test
    void aMissingTokenFileFailsTheActionWithoutACall() throws IOException {
        remediator("", dir.resolve("absent").toString()).handle(diskFull("fp-2"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases().contains(RemediationPhase.FAILED));
        assertThat(fixture.events).filteredOn(e -> e.phase() == RemediationPhase.FAILED).singleElement()
                .satisfies(failed -> {
                    assertThat(failed.reason()).isEqualTo(WebhookExecutor.TOKEN_MISSING);
                    assertThat(failed.message()).contains(dir.resolve("absent").toString()).contains("does not exist");
                });
        assertThat(hook.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "without a target | '' | default/-/-/-/disk-hook/fp-3",
        "with a target | 'target: { kind: Deployment, namespace: \"{{ labels.namespace }}\", name: \"{{ labels.deployment }}\" }' | default/shop/Deployment/db"})
    void aRedeliveredAlertCallsTheWebhookOnce(String playbook, String target, String ledgerKey) throws IOException {
        Remediator remediator = remediator(target, token().toString());
        AlertEvent alert = diskFull("fp-3");

        remediator.handle(alert);
        remediator.handle(alert);

        await().atMost(Duration.ofSeconds(30)).until(() -> phases().contains(RemediationPhase.VERIFIED));
        hook.verify(1, postRequestedFor(urlEqualTo("/runbooks/disk")));
        assertThat(fixture.ledger.get(ledgerKey).handled(alert.eventId())).isTrue();
    }
}

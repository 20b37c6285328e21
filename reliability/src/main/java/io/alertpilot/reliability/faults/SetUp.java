package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.reliability.faults.Processes.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The set-up of the fault suite's services: the playbooks (a rollout restart per {@code FaultRestart} alert, cooldown
 * 10 m, one attempt; a page per {@code FaultPage} alert), the paging policy, and the three services started against
 * the brokers with short timeouts, static group membership ({@code remediation-1}, {@code notifier-1}) and a target
 * lock TTL short enough that a dead replica's Lease expires within a scenario (above the verification timeout, itself
 * above the playbook's rollout timeout).
 */
final class SetUp {

    static final String TOKEN = "fault-suite-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final String LOCK_TTL = "6s";
    private static final String VERIFY_TIMEOUT = "5s";

    private SetUp() {
    }

    static Services start(Processes processes, KubernetesFake kubernetes, PagerDutyFake pagerDuty) throws Exception {
        Path work = processes.work();
        Path playbooks = Files.writeString(work.resolve("playbooks.yml"), """
                playbooks:
                  - name: fault-restart
                    match: { alertname: FaultRestart }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    guard: { cooldown: 10m, maxAttempts: 1, window: 1h }
                    verify: { rolloutTimeout: 3s }
                  - name: fault-page
                    match: { alertname: FaultPage }
                    actions: [ escalate ]
                """);
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("faults.yaml"), """
                policies:
                  - name: faults
                    steps:
                      - after: 0s
                        notify:
                          - pagerduty: primary
                    fallback: { webhook: fallback }
                """);
        String replicas = String.valueOf(processes.brokers().size());
        Service ingest = processes.start("ingest-service", "ingest-service", List.of(
                "--alertpilot.ingest.auth.tokens=" + TOKEN,
                "--alertpilot.ingest.publish-timeout=5s",
                "--alertpilot.ingest.topics.replicas=" + replicas));
        List<String> remediationArgs = List.of(
                "--alertpilot.api.auth.tokens=" + TOKEN,
                "--alertpilot.kafka.group-instance-id=remediation-1",
                "--alertpilot.remediation.dry-run=false",
                "--alertpilot.remediation.kubernetes.enabled=true",
                "--alertpilot.remediation.kubernetes.clusters.default.master-url=" + kubernetes.url(),
                "--alertpilot.remediation.kubernetes.request-timeout=3s",
                "--alertpilot.remediation.playbooks.locations=" + playbooks,
                "--alertpilot.remediation.lock.ttl=" + LOCK_TTL,
                "--alertpilot.remediation.verify.timeout=" + VERIFY_TIMEOUT,
                "--alertpilot.remediation.verify.interval=200ms",
                // the timer that resumes interrupted actions (and times out approvals, judges ladder steps): every
                // 3 s instead of 15, so a resume follows the dead replica's Lease expiry within a scenario
                "--alertpilot.remediation.approval.check-interval=3s",
                "--alertpilot.remediation.guard.rate-limit=10000",
                "--alertpilot.remediation.resilience.call-timeout=2s",
                "--alertpilot.remediation.resilience.initial-backoff=50ms",
                "--alertpilot.remediation.resilience.max-backoff=200ms",
                "--alertpilot.remediation.resilience.open-duration=3s",
                "--alertpilot.remediation.consumer.retry-backoff=200ms",
                "--alertpilot.remediation.topics.replicas=" + replicas);
        Service remediation = processes.start("remediation-service", "remediation-service", remediationArgs);
        Service notifier = processes.start("notifier-service", "notifier-service", List.of(
                "--alertpilot.api.auth.tokens=" + TOKEN,
                "--alertpilot.kafka.group-instance-id=notifier-1",
                "--alertpilot.notifier.decision-window=20s",
                "--alertpilot.notifier.remediation-grace=30s",
                "--alertpilot.notifier.tick-interval=200ms",
                "--alertpilot.notifier.policies.directory=" + policies,
                "--alertpilot.notifier.policies.include-defaults=false",
                "--alertpilot.notifier.delivery.max-attempts=4",
                "--alertpilot.notifier.delivery.initial-backoff=200ms",
                "--alertpilot.notifier.delivery.max-backoff=1s",
                "--alertpilot.notifier.delivery.max-retry-after=2s",
                "--alertpilot.notifier.delivery.breaker-open-for=3s",
                "--alertpilot.notifier.channels.pagerduty-url=" + pagerDuty.eventsUrl(),
                "--alertpilot.notifier.secrets.pagerduty.routing-keys.primary=" + PagerDutyFake.ROUTING_KEY,
                "--alertpilot.notifier.secrets.webhook.urls.fallback=" + pagerDuty.fallbackUrl(),
                "--alertpilot.notifier.topics.replicas=" + replicas));
        Services services = new Services(ingest, remediation, notifier, remediationArgs);
        services.warmUp(kubernetes, pagerDuty);
        return services;
    }

    /** The started services; {@code remediationArgs} start a further replica (with its own instance id). */
    record Services(Service ingest, Service remediation, Service notifier, List<String> remediationArgs) {

        /** The first alert waits for topics, metadata and the first API calls of cold JVMs: not part of any scenario. */
        void warmUp(KubernetesFake kubernetes, PagerDutyFake pagerDuty) throws InterruptedException {
            kubernetes.deployment("d-warm-up");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!accepted(post("[{\"name\":\"FaultRestart\",\"status\":\"firing\",\"severity\":\"warning\","
                    + "\"fingerprint\":\"warm-up\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE
                    + "\",\"deployment\":\"d-warm-up\"}}]"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("ingest did not accept an alert within 90 s");
                }
                pause(Duration.ofMillis(500));
            }
            while (kubernetes.restarts().of("d-warm-up") == 0 && !pagerDuty.pages().containsKey("warm-up")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the warm-up alert was neither acted on nor paged within 90 s");
                }
                pause(Duration.ofMillis(500));
            }
        }

        static boolean accepted(HttpResponse<String> response) {
            return response != null && response.statusCode() / 100 == 2;
        }

        /** Posts {@code body} to ingest's generic webhook; null when no answer came (refused, reset, timed out). */
        HttpResponse<String> post(String body) throws InterruptedException {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url("/api/v1/alerts")))
                        .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                return null;
            }
        }
    }
}

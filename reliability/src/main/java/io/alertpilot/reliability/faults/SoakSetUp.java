package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.reliability.faults.Processes.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's live set-up: the broker and the three services with the soak's playbooks and policies. Unlike the fault
 * suite's, the restart playbook's cooldown is 20 s with up to 100 attempts in 10 minutes, so that the soak's pool of
 * Deployments is acted on again and again over an hour.
 */
final class SoakSetUp {

    /**
     * The events each read model holds (remediation's and the notifier's): the default (100,000) is sized for the
     * chart's heap of half a 1 GiB limit, not for the soak's 256 MB heap, which an hour at 10 alerts/s would fill
     * (measured: 48,000 events and 88 % of the old generation after 31 minutes). At most about 3 KiB of heap each there
     * (everything else included), 20,000 stay under 60 MiB, so the hour shows whether anything else grows.
     */
    private static final String READ_MODEL_CAP = "--alertpilot.read-model.max-events=20000";
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([smh]?)");

    private final Processes processes;
    private final KubernetesFake kubernetes;
    private final PagerDutyFake pagerDuty;
    private final String token;

    SoakSetUp(Processes processes, KubernetesFake kubernetes, PagerDutyFake pagerDuty, String token) {
        this.processes = processes;
        this.kubernetes = kubernetes;
        this.pagerDuty = pagerDuty;
        this.token = token;
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}; a bare number is minutes. */
    static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration such as 90s, 5m or 1h: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("a duration must be positive: " + text);
        }
        return duration;
    }

    /** Starts the broker, then ingest, remediation and the notifier (in that order in the list), each healthy. */
    List<Service> start() throws Exception {
        Path work = processes.work();
        Path playbooks = Files.writeString(work.resolve("playbooks.yml"), """
                playbooks:
                  - name: soak-restart
                    match: { alertname: SoakRestart }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    guard: { cooldown: 20s, maxAttempts: 100, window: 10m }
                    verify: { rolloutTimeout: 3s }
                  - name: soak-page
                    match: { alertname: SoakPage }
                    actions: [ escalate ]
                """);
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("soak.yaml"), """
                policies:
                  - name: soak
                    steps:
                      - after: 0s
                        notify:
                          - pagerduty: primary
                    fallback: { webhook: fallback }
                """);
        processes.brokers().start();
        String auth = "--alertpilot.api.auth.tokens=" + token;
        Service ingest = processes.start("ingest-service", "ingest-service", List.of("--alertpilot.ingest.auth.tokens=" + token,
                "--alertpilot.ingest.publish-timeout=5s", "--alertpilot.ingest.topics.replicas=1"));
        Service remediation = processes.start("remediation-service", "remediation-service", List.of(auth,
                "--alertpilot.remediation.topics.replicas=1",
                "--alertpilot.kafka.group-instance-id=remediation-1",
                READ_MODEL_CAP,
                "--alertpilot.remediation.lock.ttl=6s",
                "--alertpilot.remediation.verify.timeout=5s",
                "--alertpilot.remediation.dry-run=false",
                "--alertpilot.remediation.playbooks.locations=" + playbooks,
                "--alertpilot.remediation.kubernetes.enabled=true",
                "--alertpilot.remediation.kubernetes.clusters.default.master-url=" + kubernetes.url(),
                "--alertpilot.remediation.kubernetes.request-timeout=3s",
                "--alertpilot.remediation.verify.interval=200ms",
                "--alertpilot.remediation.guard.rate-limit=10000",
                "--alertpilot.remediation.consumer.retry-backoff=200ms",
                "--alertpilot.remediation.resilience.call-timeout=2s",
                "--alertpilot.remediation.resilience.open-duration=3s"));
        Service notifier = processes.start("notifier-service", "notifier-service", List.of(auth,
                "--alertpilot.notifier.topics.replicas=1",
                "--alertpilot.kafka.group-instance-id=notifier-1",
                READ_MODEL_CAP,
                "--alertpilot.notifier.policies.directory=" + policies,
                "--alertpilot.notifier.policies.include-defaults=false",
                "--alertpilot.notifier.decision-window=20s",
                "--alertpilot.notifier.remediation-grace=30s",
                "--alertpilot.notifier.tick-interval=200ms",
                "--alertpilot.notifier.channels.pagerduty-url=" + pagerDuty.eventsUrl(),
                "--alertpilot.notifier.secrets.pagerduty.routing-keys.primary=" + PagerDutyFake.ROUTING_KEY,
                "--alertpilot.notifier.secrets.webhook.urls.fallback=" + pagerDuty.fallbackUrl(),
                "--alertpilot.notifier.delivery.max-attempts=4",
                "--alertpilot.notifier.delivery.max-backoff=1s",
                "--alertpilot.notifier.delivery.max-retry-after=2s",
                "--alertpilot.notifier.delivery.breaker-open-for=3s"));
        return List.of(ingest, remediation, notifier);
    }

    /**
     * Sends one restart alert and waits until it was acted on or paged: the first alerts wait for topics, metadata and
     * the first API calls of cold JVMs, which is not what the soak measures.
     */
    void warmUp(Supplier<String> ingestUrl, LoadClient client) {
        kubernetes.deployment("soak-warm-up");
        String body = LoadClient.alert("SoakRestart", "warning", "warm-up", "soak-warm-up");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (client.post(ingestUrl.get(), body) == null) {
            awaitUntil(deadline, "ingest did not accept the warm-up alert within 90 s");
        }
        while (kubernetes.restarts().of("soak-warm-up") == 0 && !pagerDuty.pages().containsKey("warm-up")) {
            awaitUntil(deadline, "the warm-up alert was neither acted on nor paged within 90 s");
        }
    }

    private static void awaitUntil(long deadline, String failure) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(failure);
        }
        pause(Duration.ofMillis(500));
    }
}

package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Remediation alone, for A/B comparisons of its decision rate: a Kafka broker process, the remediation jar (dry run,
 * example playbooks), a burst of alerts put straight on a fresh alert topic, and the rate at which its decisions
 * (first RemediationEvent per alert) appear. Less noisy than the whole pipeline: nothing else competes for the CPU.
 *
 * <p>System properties: {@code bench.repo}, {@code bench.out}, {@code bench.burst} (alerts, default 3000),
 * {@code bench.service-opts}, and {@code bench.remediation-args} (extra {@code --name=value} arguments of the
 * service, for example {@code --alertpilot.remediation.consumer.concurrency=1}).
 */
public final class RemediationRate {

    private RemediationRate() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("bench.out", repo.resolve("benchmarks/target/remediation").toString()));
        int burst = Integer.getInteger("bench.burst", 3000);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(words(System.getProperty("bench.service-opts", "")));
        command.add("-jar");
        command.add(repo.resolve("remediation-service/target/remediation-service-0.1.0-SNAPSHOT-exec.jar").toString());
        command.addAll(words(System.getProperty("bench.remediation-args", "")));
        String alerts = "bench.remediation.alerts." + UUID.randomUUID().toString().substring(0, 8);
        try (ServiceProcess broker = ServiceProcess.start("kafka", List.of(java, "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), BrokerMain.class.getName()), Map.of(), out)) {
            String bootstrap = broker.awaitLog(BrokerMain.READY, Duration.ofSeconds(120));
            try (ServiceProcess remediation = ServiceProcess.start("remediation-service", command,
                    Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap, "ALERTPILOT_API_TOKEN", "bench-token",
                            "SERVER_PORT", "18082", "ALERTPILOT_REMEDIATION_TOPICS_ALERTS", alerts), out)) {
                Duration healthy = remediation.awaitHealthy("http://127.0.0.1:18082/actuator/health",
                        Duration.ofSeconds(180));
                String run = UUID.randomUUID().toString();
                try (RawProducerTarget producer = new RawProducerTarget(bootstrap, alerts);
                        PipelineLatency pipeline = new PipelineLatency(bootstrap, alerts, Topics.REMEDIATIONS, null)) {
                    Load.Result sent = Load.burst(producer, new Payloads(run), 16, burst / Payloads.GROUP);
                    pipeline.collect(run, sent.groups() * Payloads.GROUP, true, false, Duration.ofSeconds(180));
                    System.out.printf(Locale.ROOT, "remediation healthy after %.1f s; %s; %.1f decisions/s; "
                            + "peak RSS %.0f MiB%n", healthy.toMillis() / 1000.0, pipeline.counts(),
                            pipeline.decisionsPerSecond(), remediation.peakRssMiB());
                }
            }
        }
    }

    private static List<String> words(String text) {
        return List.of(text.split(" +")).stream().filter(word -> !word.isBlank()).toList();
    }
}

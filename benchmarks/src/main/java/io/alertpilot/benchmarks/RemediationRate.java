package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Topics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Remediation alone, for A/B comparisons of its decision rate: a Kafka broker process, the remediation jar (dry run,
 * example playbooks), a burst of alerts put straight on a fresh alert topic, and the rate at which its decisions
 * (first RemediationEvent per alert) appear. Less noisy than the whole pipeline: nothing else competes for the CPU.
 *
 * <p>System properties: {@code bench.repo}, {@code bench.out}, {@code bench.burst} (alerts, default 3000), {@code bench.targets} (Deployments they are spread over, default 50),
 * {@code bench.service-opts}, and {@code bench.remediation-args} (extra {@code --name=value} arguments of the
 * service, for example {@code --alertpilot.remediation.consumer.concurrency=1}).
 */
public final class RemediationRate {

    private RemediationRate() {
    }

    public static void main(String[] args) throws Exception {
        int burst = Integer.getInteger("bench.burst", 3000);
        int targets = Integer.getInteger("bench.targets", 50);
        String alerts = "bench.remediation.alerts." + UUID.randomUUID().toString().substring(0, 8);
        try (ServiceAlone remediation = ServiceAlone.start("remediation-service", 18082, "bench.remediation-args",
                Map.of("ALERTPILOT_REMEDIATION_TOPICS_ALERTS", alerts))) {
            String run = UUID.randomUUID().toString();
            try (RawProducerTarget producer = new RawProducerTarget(remediation.bootstrap, alerts);
                    PipelineLatency pipeline = new PipelineLatency(remediation.bootstrap, alerts, Topics.REMEDIATIONS,
                            null)) {
                Load.Result sent = Load.burst(producer, new Payloads(run, targets), 16, burst / Payloads.GROUP);
                pipeline.collect(run, sent.groups() * Payloads.GROUP, true, false, Duration.ofSeconds(180));
                System.out.printf(Locale.ROOT, "remediation healthy after %.1f s; %s; %.1f decisions/s; "
                        + "peak RSS %.0f MiB%n", remediation.healthySeconds(), pipeline.counts(),
                        pipeline.decisionsPerSecond(), remediation.service.peakRssMiB());
            }
        }
    }
}

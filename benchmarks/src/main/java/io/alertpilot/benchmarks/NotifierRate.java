package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.support.kafka.JsonValueSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The notifier alone, for A/B comparisons of its paging rate: a Kafka broker process, the notifier jar (default
 * policies, so every page falls back to the log channel), a burst of critical alerts put straight on a fresh alert
 * topic, and the rate at which their pages (first delivered notification per incident) appear on the notification
 * topic.
 *
 * <p>{@code bench.remediation-events} (default true) plays remediation's part as the pipeline's burst has it: each
 * alert is followed by the PLANNED dry-run event remediation writes, which escalates at once, so the pages go through
 * the listeners as fast as they can. With {@code false} nothing decides and the notifier behaves as a user without
 * remediation sees it: each alert waits the decision window ({@code alertpilot.notifier.decision-window}, 30 s by
 * default) and is then paged by the escalation ticker.
 *
 * <p>System properties: {@code bench.repo}, {@code bench.out}, {@code bench.burst} (alerts, default 3000),
 * {@code bench.service-opts}, and {@code bench.notifier-args} (extra {@code --name=value} arguments of the service,
 * for example {@code --alertpilot.notifier.consumer.parallelism=1}).
 */
public final class NotifierRate {

    private NotifierRate() {
    }

    public static void main(String[] args) throws Exception {
        int burst = Integer.getInteger("bench.burst", 3000);
        boolean decided = Boolean.parseBoolean(System.getProperty("bench.remediation-events", "true"));
        String alerts = "bench.notifier.alerts." + UUID.randomUUID().toString().substring(0, 8);
        try (ServiceAlone notifier = ServiceAlone.start("notifier-service", 18083, "bench.notifier-args",
                Map.of("ALERTPILOT_NOTIFIER_TOPICS_ALERTS", alerts))) {
            String run = UUID.randomUUID().toString();
            try (DecidedAlerts producer = new DecidedAlerts(notifier.bootstrap, alerts, decided);
                    PipelineLatency pipeline = new PipelineLatency(notifier.bootstrap, alerts, Topics.REMEDIATIONS,
                            Topics.NOTIFICATIONS)) {
                long start = System.nanoTime();
                Load.Result sent = Load.burst(producer, new Payloads(run), 16, burst / Payloads.GROUP);
                double sending = (System.nanoTime() - start) / 1e9;
                pipeline.collect(run, sent.groups() * Payloads.GROUP, false, true, Duration.ofSeconds(240));
                System.out.printf(Locale.ROOT, "notifier healthy after %.1f s; %s%s; burst on Kafka in %.1f s; "
                        + "%.1f pages/s; alert -> page p50 %.1f s, max %.1f s; peak RSS %.0f MiB%n",
                        notifier.healthySeconds(), pipeline.counts(), decided ? " (remediation events played)" : "",
                        sending, pipeline.pagesPerSecond(), pipeline.toPage.getValueAtPercentile(50) / 1e6,
                        pipeline.toPage.getMaxValue() / 1e6, notifier.service.peakRssMiB());
            }
        }
    }

    /**
     * The raw producer's alerts, each followed (when {@code decided}) by the PLANNED dry-run remediation event for it,
     * keyed by target as remediation writes it.
     */
    private static final class DecidedAlerts implements LoadTarget<List<AlertEvent>> {

        private final RawProducerTarget alerts;
        private final KafkaProducer<String, Object> events;
        private final boolean decided;

        DecidedAlerts(String bootstrap, String topic, boolean decided) {
            this.alerts = new RawProducerTarget(bootstrap, topic);
            this.decided = decided;
            this.events = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                    new StringSerializer(), new JsonValueSerializer());
        }

        @Override
        public String name() {
            return alerts.name();
        }

        @Override
        public List<AlertEvent> prepare(List<Map<String, String>> group) {
            return alerts.prepare(group);
        }

        @Override
        public boolean send(List<AlertEvent> group) throws Exception {
            boolean sent = alerts.send(group);
            if (decided) {
                List<Future<?>> pending = new ArrayList<>(group.size());
                for (AlertEvent alert : group) {
                    RemediationEvent planned = new RemediationEvent(RemediationEvent.SCHEMA_VERSION,
                            UUID.randomUUID().toString(), UUID.randomUUID().toString(), alert.eventId(),
                            alert.fingerprint(), alert.name(), "restart-crashlooping-pods", "restart", Map.of(),
                            alert.target(), RemediationPhase.PLANNED, null, "dry run", true, Instant.now());
                    pending.add(events.send(new ProducerRecord<>(Topics.REMEDIATIONS, planned.key(), planned)));
                }
                for (Future<?> future : pending) {
                    future.get();
                }
            }
            return sent;
        }

        @Override
        public void close() {
            alerts.close();
            events.close();
        }
    }
}

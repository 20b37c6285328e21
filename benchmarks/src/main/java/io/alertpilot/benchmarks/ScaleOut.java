package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The scale-out phase: remediation alone on a fresh {@value #PARTITIONS}-partition alert topic, one replica, then two
 * (the same consumer group, their own ports and {@code group.instance.id}s), each on a fresh broker, a burst of alerts
 * each; the decision rate of each and their ratio. Both replicas run on this machine's cores, which the ratio is
 * bounded by.
 */
final class ScaleOut {

    static final int PARTITIONS = 6;
    private static final String GROUP = "alertpilot-remediation";
    private static final String INSTANCE = "bench-remediation-";

    private final Storm.Setup setup;
    private final int burst;
    private final int targets;

    ScaleOut(Storm.Setup setup, int burst, int targets) {
        this.setup = setup;
        this.burst = burst;
        this.targets = targets;
    }

    /** Measures one replica, then two, and adds the row. */
    void run(Storm.Rows rows, int firstPort) throws Exception {
        double one = decisionsPerSecond(1, firstPort);
        double two = decisionsPerSecond(2, firstPort);
        rows.add("scale-out: remediation decisions per second, two replicas on " + PARTITIONS + " partitions ("
                + Runtime.getRuntime().availableProcessors() + " cores), a burst of " + burst + " alerts",
                String.format(Locale.ROOT, "%.0f", two), String.format(Locale.ROOT, "one replica %.0f", one),
                String.format(Locale.ROOT, "%.2fx", two / one), ">= 1.8x");
    }

    private double decisionsPerSecond(int replicas, int firstPort) throws Exception {
        String prefix = "scale-out-" + replicas + "-";
        try (ServiceProcess broker = setup.broker().apply(prefix + "kafka")) {
            String bootstrap = broker.awaitLog(BrokerMain.READY, Duration.ofSeconds(180));
            String alerts = "bench.scale-out.alerts." + UUID.randomUUID().toString().substring(0, 8);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic(alerts, PARTITIONS, (short) 1))).all().get();
                List<ServiceProcess> started = new ArrayList<>();
                try {
                    for (int i = 0; i < replicas; i++) {
                        started.add(ServiceProcess.start(prefix + "remediation-service-" + i,
                                setup.command().apply("remediation-service"), Map.of(
                                        "SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                                        "ALERTPILOT_API_TOKEN", setup.token(),
                                        "SERVER_PORT", Integer.toString(firstPort + i),
                                        "ALERTPILOT_REMEDIATION_TOPICS_ALERTS", alerts,
                                        "ALERTPILOT_KAFKA_GROUP_INSTANCE_ID", INSTANCE + i),
                                setup.out()));
                    }
                    for (int i = 0; i < replicas; i++) {
                        started.get(i).awaitHealthy("http://127.0.0.1:" + (firstPort + i) + "/actuator/health",
                                Duration.ofSeconds(120));
                    }
                    awaitAssigned(admin, alerts, replicas);
                    return burst(bootstrap, alerts);
                } finally {
                    for (ServiceProcess process : started) {
                        process.close();
                    }
                }
            }
        }
    }

    /**
     * Waits until the topic's partitions are all assigned and every replica holds some (a replica's consumers are
     * members {@code bench-remediation-<i>-<n>}), so no rebalance falls into the burst.
     */
    private static void awaitAssigned(Admin admin, String topic, int replicas)
            throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            long partitions = group.members().stream().flatMap(member -> member.assignment().topicPartitions()
                    .stream()).filter(partition -> partition.topic().equals(topic)).count();
            long holding = IntStream.range(0, replicas).filter(replica -> group.members().stream()
                    .anyMatch(member -> isOf(member, replica) && holds(member, topic))).count();
            if (partitions == PARTITIONS && holding == replicas) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("the partitions of " + topic + " were not shared by " + replicas
                + " replicas within 60 s");
    }

    private static boolean isOf(MemberDescription member, int replica) {
        return member.groupInstanceId().filter(id -> id.startsWith(INSTANCE + replica + "-")).isPresent();
    }

    private static boolean holds(MemberDescription member, String topic) {
        return member.assignment().topicPartitions().stream().anyMatch(partition -> partition.topic().equals(topic));
    }

    private double burst(String bootstrap, String alerts) throws Exception {
        String run = UUID.randomUUID().toString();
        try (RawProducerTarget producer = new RawProducerTarget(bootstrap, alerts);
                PipelineLatency pipeline = new PipelineLatency(bootstrap, alerts, Topics.REMEDIATIONS, null)) {
            Load.Result sent = Load.burst(producer, new Payloads(run, targets), setup.connections(),
                    burst / Payloads.GROUP);
            pipeline.collect(run, sent.groups() * Payloads.GROUP, true, false, Duration.ofSeconds(240));
            return pipeline.decisionsPerSecond();
        }
    }
}

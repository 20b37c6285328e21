package io.alertpilot.cli.replay;

import io.alertpilot.cli.AlertPilotCli;
import io.alertpilot.cli.ExitCodes;
import io.alertpilot.cli.rehearse.Rehearsal;
import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.config.SchemaCheck;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The replay benchmark (not a test): writes {@value #ALERTS} recorded alerts of a realistic mix, spread over a day, to
 * an in-JVM KRaft broker (3 partitions, as the services create the topic), with the dry-run remediations standalone
 * would have recorded, then times, {@value #ROUNDS} times each: the raw read of the range (the reference), the
 * rehearsal engine alone on the alerts in memory, and {@code alertpilot replay} end to end in this JVM; with
 * {@code -Dbench.jar=cli/target/alertpilot-cli.jar} also the executable jar as a process of its own (cold JVM), which
 * is what a user waits for, and with {@code -Dbench.jar-opts="..."} once more with these JVM options. Prints each
 * round and the medians. Run: see BENCHMARKS.md, "Replay".
 */
public final class ReplayBenchmark {

    static final int ALERTS = 10_000;
    static final int ROUNDS = 3;
    private static final Instant FROM = Alerts.T0;
    private static final Instant TO = FROM.plus(Duration.ofDays(1));
    /** The alerts on Deployments in 14 of every 20: name/severity. */
    private static final List<String> DEPLOYMENT_ALERTS = List.of(
            "KubePodCrashLooping/critical", "KubePodCrashLooping/critical", "KubePodCrashLooping/critical",
            "KubePodCrashLooping/critical", "KubePodCrashLooping/critical", "KubePodCrashLooping/critical",
            "KubePodCrashLooping/critical", "KubePodCrashLooping/critical", "HighLatencyP95/warning",
            "HighLatencyP95/warning", "HighLatencyP95/warning", "QueueDepthHigh/warning", "QueueDepthHigh/warning",
            "HighErrorRate/critical");
    private static final Path EXAMPLES = SchemaCheck.repository()
            .resolve("remediation-service/src/main/resources/playbooks/examples.yml");

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        try {
            String servers = broker.getBrokersAsString();
            List<AlertEvent> alerts = record(servers);
            System.out.printf("%d alerts of %s .. %s on %s (%d partitions)%n", alerts.size(), FROM, TO, servers, 3);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                time(times, "raw read of the range (reference)", () -> readRange(servers));
                time(times, "rehearsal engine alone", () -> engineAlone(alerts));
                time(times, "replay end to end, in this JVM", () -> replayInJvm(servers));
                String jar = System.getProperty("bench.jar");
                String options = System.getProperty("bench.jar-opts", "").trim();
                if (jar != null) {
                    time(times, "replay end to end, java -jar (cold JVM)", () -> replayJar(jar, "", servers));
                }
                if (jar != null && !options.isEmpty()) {
                    time(times, "replay end to end, java " + options + " -jar (cold JVM)",
                            () -> replayJar(jar, options, servers));
                }
                System.out.printf("round %d: %s%n", round, times);
            }
            System.out.println();
            System.out.println("| measure, " + ALERTS + " alerts | median of " + ROUNDS + " (s) | rounds (s) |");
            System.out.println("| --- | --- | --- |");
            times.forEach((name, seconds) -> System.out.printf("| %s | %.2f | %s |%n", name, median(seconds),
                    seconds.stream().map(s -> "%.2f".formatted(s)).toList()));
        } finally {
            broker.destroy();
        }
    }

    /** The alerts of the day, in time order; on the alert topic with their times, with standalone's remediations. */
    private static List<AlertEvent> record(String servers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
            admin.createTopics(List.of(new NewTopic(Topics.ALERTS, 3, (short) 1),
                    new NewTopic(Topics.REMEDIATIONS, 3, (short) 1))).all().get();
        }
        List<AlertEvent> alerts = new ArrayList<>();
        Map<String, AlertEvent> firing = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new ByteArraySerializer())) {
            long step = Duration.between(FROM, TO).toMillis() / ALERTS;
            for (int i = 0; i < ALERTS; i++) {
                Instant at = FROM.plusMillis(i * step);
                AlertEvent candidate = mix(i, at);
                AlertEvent previous = firing.remove(candidate.fingerprint());
                AlertEvent alert = previous == null ? candidate : Alerts.resolve(previous, at);
                if (previous == null) {
                    firing.put(alert.fingerprint(), alert);
                }
                alerts.add(alert);
                producer.send(new ProducerRecord<>(Topics.ALERTS, null, at.toEpochMilli(), alert.fingerprint(),
                        Json.write(alert)));
                if (alert.firing() && alert.name().equals("KubePodCrashLooping")) {
                    RemediationEvent planned = new RemediationEvent(1, UUID.randomUUID().toString(),
                            UUID.randomUUID().toString(), alert.eventId(), alert.fingerprint(), alert.name(),
                            "restart-crashlooping-pods", "restart", Map.of(), alert.target(),
                            RemediationPhase.PLANNED, null, null, true, at);
                    producer.send(new ProducerRecord<>(Topics.REMEDIATIONS, null, at.toEpochMilli(), planned.key(),
                            Json.write(planned)));
                }
            }
            producer.flush();
        }
        return alerts;
    }

    /**
     * Alert {@code i} of the mix: 40 % crash loops over 150 Deployments, 15 % latency, 10 % queue depth, 5 % error
     * rate (approval), 5 % node disk pressure, 25 % alerts no playbook matches.
     */
    private static AlertEvent mix(int i, Instant at) {
        int slot = i % 20;
        Map<String, String> labels;
        String name;
        if (slot < DEPLOYMENT_ALERTS.size()) {
            String[] kind = DEPLOYMENT_ALERTS.get(slot).split("/");
            name = kind[0];
            labels = Map.of("namespace", "team-" + (i % 8), "deployment", "service-" + (i % 150), "severity", kind[1]);
        } else if (slot == DEPLOYMENT_ALERTS.size()) {
            name = "KubeNodeDiskPressure";
            labels = Map.of("node", "node-" + (i % 20), "severity", "high");
        } else {
            name = List.of("TargetDown", "CPUThrottlingHigh", "KubeJobFailed").get(i % 3);
            labels = Map.of("namespace", "team-" + (i % 8), "job", "job-" + (i % 40), "severity", "warning");
        }
        Alerts.Builder builder = Alerts.firing(name, labels);
        return builder.receivedAt(at).build();
    }

    private static void readRange(String servers) {
        try (TopicHistory history = new TopicHistory(servers, Duration.ofSeconds(30))) {
            int read = history.read(Topics.ALERTS, new TimeRange(FROM, TO), AlertEvent.class, true).events().size();
            check(read == ALERTS, "read " + read + " alerts");
        }
    }

    private static void engineAlone(List<AlertEvent> alerts) {
        Rehearsal rehearsal = Rehearsal.builder().start(FROM).playbooks(List.of(EXAMPLES)).build();
        alerts.forEach(alert -> rehearsal.alert(alert.receivedAt(), alert));
        RehearsalResult result = rehearsal.finish(TO);
        check(!result.decisions().isEmpty(), "no decisions");
    }

    private static void replayInJvm(String servers) {
        StringWriter out = new StringWriter();
        int exit = AlertPilotCli.run(new PrintWriter(out), new PrintWriter(System.err, true), arguments(servers));
        check(exit == ExitCodes.OK && out.toString().contains("\"alerts\":" + ALERTS), "exit " + exit);
    }

    private static void replayJar(String jar, String options, String servers) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (!options.isEmpty()) {
            command.addAll(List.of(options.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar));
        command.addAll(List.of(arguments(servers)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = process.waitFor();
        check(exit == ExitCodes.OK, "the jar exited " + exit);
    }

    private static String[] arguments(String servers) {
        return new String[] {"replay", "--bootstrap-server", servers, "--from", FROM.toString(), "--to",
            TO.toString(), "--playbooks", EXAMPLES.toString(), "--format", "json"};
    }

    /** One measured step. */
    private interface Task {
        void run() throws Exception;
    }

    private static void time(Map<String, List<Double>> times, String name, Task task) throws Exception {
        long start = System.nanoTime();
        task.run();
        times.computeIfAbsent(name, n -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalStateException("benchmark run went wrong: " + what);
        }
    }
}

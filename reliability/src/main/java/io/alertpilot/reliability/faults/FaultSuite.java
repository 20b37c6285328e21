package io.alertpilot.reliability.faults;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.JsonSerde;
import io.alertpilot.model.kafka.Topics;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The fault suite: a real Kafka broker process (Kafka's own {@code kafka.Kafka}, KRaft, data and port kept across a
 * restart) and the ingest service's executable jar as a process of its own, under a steady load of alerts. Scenarios:
 * {@code kill -9} of ingest mid-stream and restart; broker stop and restart. Counts, per scenario, alerts sent,
 * acknowledged (2xx), on Kafka and lost (acknowledged but not on Kafka), and the time to recover (from the restart
 * to the first 2xx). Exits 1 when anything acknowledged was lost.
 *
 * <p>System properties: {@code faults.repo} (repository root), {@code faults.cp} (classpath of the broker),
 * {@code faults.seconds} (load phase length, default 10), {@code faults.rate} (alerts per second, default 50).
 */
public final class FaultSuite {

    private static final String TOKEN = "fault-suite-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    private final Path repo;
    private final Path work;
    private final String classpath;
    private final int phaseSeconds;
    private final int rate;
    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final int ingestPort = freePort();
    private Process broker;
    private Process ingest;

    private FaultSuite(Path repo, Path work, String classpath, int phaseSeconds, int rate) {
        this.repo = repo;
        this.work = work;
        this.classpath = classpath;
        this.phaseSeconds = phaseSeconds;
        this.rate = rate;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("faults.repo", ".")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(repo.resolve("reliability/target/faults-" + System.currentTimeMillis()));
        FaultSuite suite = new FaultSuite(repo, work, System.getProperty("faults.cp", System.getProperty("java.class.path")),
                Integer.getInteger("faults.seconds", 10), Integer.getInteger("faults.rate", 50));
        List<Result> results = new ArrayList<>();
        try {
            suite.startBroker(true);
            suite.startIngest();
            results.add(suite.scenario("steady (no fault)", () -> { }));
            results.add(suite.scenario("ingest kill -9 and restart", suite::killIngest));
            results.add(suite.scenario("broker stop and restart", suite::restartBroker));
        } finally {
            suite.stopAll();
        }
        System.out.println();
        System.out.printf("%-28s %8s %8s %8s %8s %6s %12s%n", "scenario", "sent", "acked", "onKafka", "refused", "lost",
                "recover");
        boolean ok = true;
        for (Result r : results) {
            System.out.printf("%-28s %8d %8d %8d %8d %6d %12s%n", r.name, r.sent, r.acked, r.onKafka, r.notAcked, r.lost,
                    r.recovery == null ? "-" : r.recovery.toMillis() + " ms");
            ok &= r.lost == 0;
        }
        System.out.println("logs: " + work);
        System.exit(ok ? 0 : 1);
    }

    record Result(String name, long sent, long acked, long onKafka, long notAcked, long lost, Duration recovery) {
    }

    interface Fault {
        void inject() throws Exception;
    }

    private Result scenario(String name, Fault fault) throws Exception {
        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicLong sent = new AtomicLong();
        AtomicLong notAcked = new AtomicLong();
        AtomicLong lastFailure = new AtomicLong();
        AtomicLong firstAckAfterFailure = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Thread load = Thread.ofPlatform().name("load").start(() -> {
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            while (running.get()) {
                long n = sent.incrementAndGet();
                String body = "[{\"name\":\"FaultSuite\",\"status\":\"firing\",\"severity\":\"warning\",\"fingerprint\":\""
                        + run + "-" + n + "\",\"labels\":{\"namespace\":\"shop\",\"deployment\":\"checkout\"}}]";
                try {
                    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + ingestPort + "/api/v1/alerts"))
                            .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + TOKEN)
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        Matcher matcher = EVENT_ID.matcher(response.body());
                        while (matcher.find()) {
                            acked.add(matcher.group(1));
                        }
                        if (lastFailure.get() != 0 && firstAckAfterFailure.get() == 0) {
                            firstAckAfterFailure.set(System.nanoTime());
                        }
                    } else {
                        notAcked.incrementAndGet();
                        lastFailure.set(System.nanoTime());
                    }
                } catch (IOException e) {
                    notAcked.incrementAndGet();
                    lastFailure.set(System.nanoTime());
                } catch (InterruptedException e) {
                    return;
                }
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        });
        pause(Duration.ofSeconds(phaseSeconds / 2));
        long faultAt = System.nanoTime();
        fault.inject();
        long restartedAt = System.nanoTime();
        pause(Duration.ofSeconds(phaseSeconds / 2 + 5));
        running.set(false);
        load.join();
        Set<String> onKafka = eventIdsOnKafka();
        Set<String> lost = new HashSet<>(acked);
        lost.removeAll(onKafka);
        long onKafkaOfRun = acked.stream().filter(onKafka::contains).count();
        Duration recovery = firstAckAfterFailure.get() == 0 ? null
                : Duration.ofNanos(firstAckAfterFailure.get() - Math.max(restartedAt, faultAt));
        System.out.printf("[%s] sent %d, acked %d, on Kafka %d, not acked %d, lost %d%n", name, sent.get(), acked.size(),
                onKafkaOfRun, notAcked.get(), lost.size());
        return new Result(name, sent.get(), acked.size(), onKafkaOfRun, notAcked.get(), lost.size(), recovery);
    }

    // ------------------------------------------------------------------ processes

    private void startBroker(boolean format) throws Exception {
        Path dir = work.resolve("kafka");
        Path config = work.resolve("server.properties");
        if (format) {
            Files.createDirectories(dir);
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "listeners=PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                    "log.dirs=" + dir,
                    "num.partitions=6",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true", ""));
            Process formatter = java(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t",
                    Uuid.randomUuid().toString(), "-c", config.toString()), work.resolve("kafka-format.log"));
            if (formatter.waitFor() != 0) {
                throw new IllegalStateException("formatting the broker storage failed; see kafka-format.log");
            }
        }
        broker = java(List.of("kafka.Kafka", config.toString()), work.resolve("kafka.log"));
        awaitPort(broker, kafkaPort, Duration.ofSeconds(60), "broker");
    }

    private void restartBroker() throws Exception {
        broker.destroy();
        broker.waitFor(60, TimeUnit.SECONDS);
        pause(Duration.ofSeconds(3));
        startBroker(false);
    }

    private void startIngest() throws Exception {
        Path jar = repo.resolve("ingest-service/target/ingest-service-0.1.0-SNAPSHOT-exec.jar");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-jar", jar.toString(),
                "--server.port=" + ingestPort,
                "--spring.kafka.bootstrap-servers=127.0.0.1:" + kafkaPort,
                "--alertpilot.ingest.auth.tokens=" + TOKEN,
                "--alertpilot.ingest.publish-timeout=5s",
                "--alertpilot.ingest.topics.replicas=1"));
        ingest = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("ingest.log").toFile())).start();
        awaitHealthy(ingest, "http://127.0.0.1:" + ingestPort + "/actuator/health", Duration.ofSeconds(90));
    }

    private void killIngest() throws Exception {
        ingest.destroyForcibly(); // SIGKILL
        ingest.waitFor(30, TimeUnit.SECONDS);
        startIngest();
    }

    private void stopAll() throws InterruptedException {
        for (Process process : new Process[] {ingest, broker}) {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private Process java(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-cp", classpath));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private Set<String> eventIdsOnKafka() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafkaPort,
                ConsumerConfig.CLIENT_ID_CONFIG, "fault-suite-" + UUID.randomUUID());
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, AlertEvent> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                JsonSerde.of(AlertEvent.class).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                    .map(info -> new TopicPartition(Topics.ALERTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, AlertEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    ids.add(record.value().eventId());
                }
            }
        }
        return ids;
    }

    private static void awaitPort(Process process, int port, Duration max, String name) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue());
            }
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                pause(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + max);
    }

    private static void awaitHealthy(Process process, String url, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest exited with " + process.exitValue());
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("ingest was not healthy within " + max);
    }

    private static void pause(Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

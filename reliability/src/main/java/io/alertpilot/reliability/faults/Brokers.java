package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * The Kafka cluster of the fault suite: one or three KRaft nodes, each Kafka's own broker ({@code kafka.Kafka}) as a
 * process of its own with the broker and controller roles, its data and ports kept across a restart. Each node has two
 * client listeners: {@code PLAINTEXT}, direct, for the suite's own admin and read-back, and {@code SERVICES}, advertised
 * at a {@link TcpProxy} the suite can cut, for the services. With three nodes, topics have 3 replicas and
 * {@code min.insync.replicas=2}.
 */
final class Brokers implements AutoCloseable {

    /** How often the cluster's first start is tried, each time on fresh ports. */
    private static final int START_ATTEMPTS = 3;

    private final Path work;
    private final String classpath;
    private final int count;
    private List<Node> nodes;

    Brokers(Path work, String classpath, int count) throws IOException {
        this.work = work;
        this.classpath = classpath;
        this.count = count;
        this.nodes = nodes(count);
    }

    private static List<Node> nodes(int count) throws IOException {
        List<Node> created = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            int services = Processes.freePort();
            created.add(new Node(id, Processes.freePort(), services, Processes.freePort(),
                    new TcpProxy(Processes.freePort(), services)));
        }
        return List.copyOf(created);
    }

    /** The direct listeners: for the suite, never cut. */
    String bootstrap() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** The proxied listeners: for the services. */
    String servicesBootstrap() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.proxy().port()).collect(Collectors.joining(","));
    }

    int size() {
        return nodes.size();
    }

    /**
     * Writes each node's configuration, formats its storage and starts every node. A port chosen free may be taken by
     * another process before a node binds it (a node then dies at start, e.g. its controller client reading another
     * server's answer): the cluster is then stopped and started again on fresh ports and storage, up to
     * {@value #START_ATTEMPTS} times, before the services know any address.
     */
    void start() throws Exception {
        for (int attempt = 1;; attempt++) {
            try {
                startOnce();
                return;
            } catch (IllegalStateException e) {
                if (attempt >= START_ATTEMPTS) {
                    throw e;
                }
                System.out.println("[fault suite] the brokers' start failed (" + e.getMessage() + "), again on fresh "
                        + "ports");
                close();
                nodes = nodes(count);
                for (int id = 1; id <= count; id++) {
                    deleteTree(work.resolve("kafka-" + id));
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private void startOnce() throws Exception {
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        int replicas = nodes.size();
        String clusterId = Uuid.randomUuid().toString();
        for (Node node : nodes) {
            Path dir = Files.createDirectories(work.resolve("kafka-" + node.id()));
            Path config = work.resolve("server-" + node.id() + ".properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=" + node.id(),
                    "listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",SERVICES://127.0.0.1:" + node.servicesPort()
                            + ",CONTROLLER://127.0.0.1:" + node.controllerPort(),
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + node.port() + ",SERVICES://127.0.0.1:"
                            + node.proxy().port(),
                    "inter.broker.listener.name=PLAINTEXT",
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SERVICES:PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "controller.quorum.voters=" + voters,
                    "log.dirs=" + dir,
                    "num.partitions=6",
                    "default.replication.factor=" + replicas,
                    "min.insync.replicas=" + Math.min(2, replicas),
                    "offsets.topic.replication.factor=" + replicas,
                    "offsets.topic.num.partitions=6",
                    "transaction.state.log.replication.factor=" + replicas,
                    "transaction.state.log.min.isr=" + Math.min(2, replicas),
                    "group.initial.rebalance.delay.ms=0",
                    "auto.create.topics.enable=true", ""));
            Process formatter = Processes.java(work, List.of("-Xmx256m", "-cp", classpath,
                    "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString()),
                    "kafka-format-" + node.id());
            if (formatter.waitFor() != 0) {
                throw new IllegalStateException("formatting the storage of broker " + node.id() + " failed; see "
                        + work.resolve("kafka-format-" + node.id() + ".log"));
            }
        }
        for (Node node : nodes) {
            run(node);
        }
        for (Node node : nodes) {
            awaitPort(node, Duration.ofSeconds(90));
        }
    }

    private void run(Node node) throws IOException {
        node.process = Processes.java(work, List.of(nodes.size() > 1 ? "-Xmx256m" : "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", classpath, "kafka.Kafka", work.resolve("server-" + node.id() + ".properties").toString()),
                "kafka-" + node.id());
    }

    /**
     * Stops node {@code id} (SIGTERM, a clean shutdown, or SIGKILL when {@code kill}), waits {@code down}, and starts it
     * again on the same data.
     */
    void restart(int id, Duration down, boolean kill) throws Exception {
        Node node = nodes.get(id - 1);
        if (kill) {
            node.process.destroyForcibly();
        } else {
            node.process.destroy();
        }
        node.process.waitFor(60, TimeUnit.SECONDS);
        Processes.pause(down);
        run(node);
        awaitPort(node, Duration.ofSeconds(90));
    }

    /** The process id of node {@code id}, or -1 while it is not running. */
    long pid(int id) {
        Process process = nodes.get(id - 1).process;
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /** Cuts the services off from every node (see {@link TcpProxy#cut()}). */
    void cut() {
        nodes.forEach(n -> n.proxy().cut());
    }

    void heal() {
        nodes.forEach(n -> n.proxy().heal());
    }

    private static void awaitPort(Node node, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!node.process.isAlive()) {
                throw new IllegalStateException("broker " + node.id() + " exited with " + node.process.exitValue());
            }
            try (Socket socket = new Socket("127.0.0.1", node.port())) {
                return;
            } catch (IOException e) {
                Processes.pause(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("broker " + node.id() + " did not listen on " + node.port() + " within " + max);
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            Processes.stop(node.process);
            node.proxy().close();
        }
    }

    /** One KRaft node: its ports, its proxy and its process. */
    private static final class Node {
        private final int id;
        private final int port;
        private final int servicesPort;
        private final int controllerPort;
        private final TcpProxy proxy;
        private Process process;

        private Node(int id, int port, int servicesPort, int controllerPort, TcpProxy proxy) {
            this.id = id;
            this.port = port;
            this.servicesPort = servicesPort;
            this.controllerPort = controllerPort;
            this.proxy = proxy;
        }

        int id() { return id; }
        int port() { return port; }
        int servicesPort() { return servicesPort; }
        int controllerPort() { return controllerPort; }
        TcpProxy proxy() { return proxy; }
    }
}

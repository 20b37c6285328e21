package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.common.Uuid;

/**
 * The processes of the fault suite: Kafka's own broker ({@code kafka.Kafka}, KRaft, one node; data and port kept
 * across a restart) and the services' executable jars, each a process of its own that can be killed with
 * {@code SIGKILL} and started again with the same settings.
 */
final class Processes implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path repo;
    private final Path work;
    private final String classpath;
    private final int kafkaPort = freePort();
    private final int controllerPort = freePort();
    private final List<Service> services = new ArrayList<>();
    private Process broker;

    Processes(Path repo, Path work, String classpath) {
        this.repo = repo;
        this.work = work;
        this.classpath = classpath;
    }

    String bootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    Path work() {
        return work;
    }

    void startBroker() throws Exception {
        Path config = work.resolve("server.properties");
        Files.createDirectories(work.resolve("kafka"));
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + work.resolve("kafka"),
                "num.partitions=6",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true", ""));
        Process formatter = java(List.of("-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()), "kafka-format");
        if (formatter.waitFor() != 0) {
            throw new IllegalStateException("formatting the broker storage failed; see kafka-format.log");
        }
        runBroker();
    }

    private void runBroker() throws Exception {
        broker = java(List.of("-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                work.resolve("server.properties").toString()), "kafka");
        awaitPort(broker, kafkaPort, Duration.ofSeconds(90));
    }

    /** The broker's process id, or -1 while it is not running. */
    long brokerPid() {
        Process process = broker;
        return process != null && process.isAlive() ? process.pid() : -1;
    }

    /** Stops the broker (SIGTERM, a clean shutdown), waits {@code down}, and starts it again on the same data. */
    void restartBroker(Duration down) throws Exception {
        broker.destroy();
        broker.waitFor(60, TimeUnit.SECONDS);
        pause(down);
        runBroker();
    }

    /** Starts the executable jar of {@code module} with {@code args} and waits until it is healthy. */
    Service start(String module, List<String> args) throws Exception {
        Service service = new Service(module, freePort(), args);
        services.add(service);
        service.start();
        return service;
    }

    @Override
    public void close() throws InterruptedException {
        for (Service service : services.reversed()) {
            stop(service.process);
        }
        stop(broker);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** One service process. */
    final class Service {

        private final String module;
        private final int port;
        private final List<String> args;
        private Process process;

        private Service(String module, int port, List<String> args) {
            this.module = module;
            this.port = port;
            this.args = List.copyOf(args);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        /** The process id, or -1 while it is not running (killed, not restarted yet). */
        long pid() {
            Process current = process;
            return current != null && current.isAlive() ? current.pid() : -1;
        }

        private void start() throws Exception {
            Path jar = repo.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the jars first (./mvnw package -DskipTests)");
            }
            List<String> command = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + bootstrap()));
            command.addAll(args);
            process = java(command, module);
            awaitHealthy(Duration.ofSeconds(120));
        }

        /** {@code kill -9}, then a start with the same settings; returns when the new process is healthy. */
        void killAndRestart() throws Exception {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            start();
        }

        private void awaitHealthy(Duration max) {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see "
                            + work.resolve(module + ".log"));
                }
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(url("/actuator/health")))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
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
            throw new IllegalStateException(module + " was not healthy within " + max);
        }
    }

    private Process java(List<String> args, String log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(log + ".log").toFile())).start();
    }

    private static void awaitPort(Process process, int port, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the broker exited with " + process.exitValue());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                pause(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("the broker did not listen on " + port + " within " + max);
    }

    static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

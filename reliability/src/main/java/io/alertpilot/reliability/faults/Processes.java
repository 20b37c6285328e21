package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The processes of the fault suite: the {@link Brokers} and the services' executable jars, each a process of its own
 * that can be killed with {@code SIGKILL} and started again with the same settings (or with settings added).
 */
final class Processes implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path repo;
    private final Path work;
    private final Brokers brokers;
    private final List<Service> services = new ArrayList<>();

    Processes(Path repo, Path work, String classpath, int brokerCount) throws IOException {
        this.repo = repo;
        this.work = work;
        this.brokers = new Brokers(work, classpath, brokerCount);
    }

    /** The brokers' direct listeners, for the suite's own admin and read-back. */
    String bootstrap() {
        return brokers.bootstrap();
    }

    Brokers brokers() {
        return brokers;
    }

    Path work() {
        return work;
    }

    /** The process id of broker 1, or -1 while it is not running. */
    long brokerPid() {
        return brokers.pid(1);
    }

    /**
     * Starts the executable jar of {@code module} with {@code args} and waits until it is healthy; its output goes to
     * {@code <log>.log} in the work directory.
     */
    Service start(String module, String log, List<String> args) throws Exception {
        Service service = new Service(module, log, freePort(), args);
        services.add(service);
        service.start(List.of());
        return service;
    }

    @Override
    public void close() throws Exception {
        for (Service service : services.reversed()) {
            stop(service.process);
        }
        brokers.close();
    }

    static void stop(Process process) throws InterruptedException {
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
        private final String log;
        private final int port;
        private final List<String> args;
        private Process process;
        /** Where this process's output starts in the log (earlier processes of the service wrote before it). */
        private long outputFrom;

        private Service(String module, String log, int port, List<String> args) {
            this.module = module;
            this.log = log;
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

        private void start(List<String> extra) throws Exception {
            Path jar = repo.resolve(module + "/target/" + module + "-0.1.0-SNAPSHOT-exec.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: build the jars first (./mvnw package -DskipTests)");
            }
            List<String> command = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                    "--server.port=" + port, "--spring.kafka.bootstrap-servers=" + brokers.servicesBootstrap()));
            // a setting in extra replaces the one of the same name in args (Spring would read both as a list)
            List<String> names = extra.stream().map(Service::name).toList();
            args.stream().filter(a -> !names.contains(name(a))).forEach(command::add);
            command.addAll(extra);
            Path file = logFile();
            outputFrom = Files.exists(file) ? Files.size(file) : 0;
            process = java(work, command, log);
            awaitHealthy(Duration.ofSeconds(120));
        }

        /** The setting's name of a command-line argument {@code --name=value}. */
        private static String name(String arg) {
            int equals = arg.indexOf('=');
            return equals < 0 ? arg : arg.substring(0, equals);
        }

        /** {@code kill -9}, then a start with the same settings; returns when the new process is healthy. */
        void killAndRestart() throws Exception {
            kill();
            start(List.of());
        }

        /** {@code kill -9}; returns when the process is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /**
         * Starts the service again (after {@link #kill()} or {@link #stop()}) with {@code extra} settings added; one
         * named as a setting of the start replaces it.
         */
        void startWith(List<String> extra) throws Exception {
            start(extra);
        }

        /** A clean stop (SIGTERM). */
        void stop() throws InterruptedException {
            Processes.stop(process);
        }

        /** Waits at most {@code max} for {@code line} in this process's output; true when it came. */
        boolean awaitOutput(String line, Duration max) throws IOException {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                try (RandomAccessFile file = new RandomAccessFile(logFile().toFile(), "r")) {
                    byte[] bytes = new byte[(int) Math.max(0, file.length() - outputFrom)];
                    file.seek(outputFrom);
                    file.readFully(bytes);
                    if (new String(bytes, StandardCharsets.UTF_8).contains(line)) {
                        return true;
                    }
                }
                pause(Duration.ofMillis(100));
            }
            return false;
        }

        private Path logFile() {
            return work.resolve(log + ".log");
        }

        private void awaitHealthy(Duration max) {
            long deadline = System.nanoTime() + max.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(module + " exited with " + process.exitValue() + "; see "
                            + logFile());
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

    /** Starts {@code java} with {@code args}, its output appended to {@code <log>.log} in {@code work}. */
    static Process java(Path work, List<String> args, String log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(log + ".log").toFile())).start();
    }

    static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

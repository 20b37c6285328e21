package io.alertpilot.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A process under test: started with its output in a log file, timed to healthy, measured for memory. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedAt;

    private ServiceProcess(String name, Process process, Path log, long startedAt) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    static ServiceProcess start(String name, List<String> command, Map<String, String> environment, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long startedAt = System.nanoTime();
        return new ServiceProcess(name, builder.start(), log, startedAt);
    }

    /** Waits until {@code url} answers 200 and returns the time since the process was started. */
    Duration awaitHealthy(String url, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startedAt);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
        throw new IllegalStateException(name + " was not healthy within " + max + "; see " + log);
    }

    /** Waits until a line of the log starts with {@code prefix} and returns the rest of that line. */
    String awaitLog(String prefix, Duration max) throws IOException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length()).trim();
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new IllegalStateException(name + " did not log '" + prefix + "' within " + max + "; see " + log);
    }

    /** The peak resident set size of the process so far (VmHWM), in MiB. */
    double peakRssMiB() throws IOException {
        if (!process.isAlive()) {
            // a figure of a process that died (an OutOfMemoryError, say) is not a figure: the log says why
            System.err.println(name + " exited with " + process.exitValue() + " before its RSS was read; see " + log);
            return Double.NaN;
        }
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package io.alertpilot.standalone;

import io.alertpilot.testing.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The packaged standalone jar run as a user runs it ({@code java -jar standalone.jar --data-dir=...}) by the JDK
 * running the test, on a free HTTP port and any free broker port, its output in a file. Ended by the test:
 * {@link #kill()} (SIGKILL) or {@link #stop()} (SIGTERM).
 */
final class StandaloneProcess {

    private final Process process;
    private final Path log;
    private final int port;

    private StandaloneProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the jar on {@code dataDir}, writing its output to {@code log}, hands it to {@code started} (to be ended
     * whatever happens) and waits until it is ready.
     */
    static StandaloneProcess start(Path dataDir, Path log, List<StandaloneProcess> started) throws IOException {
        int port = StandaloneBroker.freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-jar", jar().toString(), "--data-dir=" + dataDir,
                "--server.port=" + port, "--alertpilot.standalone.kafka.port=0"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        StandaloneProcess standalone = new StandaloneProcess(process, log, port);
        started.add(standalone);
        Awaitility.await("standalone ready (log " + log + ")").atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !process.isAlive() || standalone.output().contains("AlertPilot standalone is ready"));
        if (!process.isAlive()) {
            throw new IllegalStateException("standalone exited with " + process.exitValue() + ":\n"
                    + standalone.output());
        }
        return standalone;
    }

    ApiClient api() {
        return ApiClient.at(port).withToken(DevelopmentTokenWarning.DEVELOPMENT_TOKEN);
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** {@code kill -9}: nothing is closed, nothing flushed beyond what the broker has written. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit; the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("standalone did not stop within 60 s of SIGTERM (log " + log + ")");
        }
        return process.exitValue();
    }

    /** Ends the process whatever its state: for clean-up after a failed test. */
    void destroy() {
        process.destroyForcibly();
    }

    private static Path jar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("standalone-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no standalone jar in target/: run the package phase"))
                    .toAbsolutePath();
        }
    }
}

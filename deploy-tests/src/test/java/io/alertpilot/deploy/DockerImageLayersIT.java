package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Dockerfile's first stage runs, run here on the jar the build just packaged for each {@code MODULE}: the
 * exec jar exists at the path the Dockerfile copies ({@code ${MODULE}/target/${MODULE}-${VERSION}-exec.jar}), and
 * {@code java -Djarmode=tools -jar app.jar extract --layers --launcher} gives the four layer directories the second
 * stage copies, with the launcher its ENTRYPOINT starts.
 */
class DockerImageLayersIT {

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "remediation-service", "notifier-service", "console"})
    void theExecJarExtractsIntoTheLayersTheDockerfileCopies(String module, @TempDir Path work) throws Exception {
        Path moduleDirectory = Repository.root().resolve(module);
        assumeTrue(Files.isDirectory(moduleDirectory.resolve("src/main/resources")),
                module + " is not an application in this tree yet");
        Path jar = moduleDirectory.resolve("target/" + module + "-" + Repository.version() + "-exec.jar");
        assertThat(jar).as("built by the reactor before this test (package phase)").isRegularFile();

        Path app = Files.copy(jar, work.resolve("app.jar"));
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers", "--launcher", "--destination",
                "extracted").directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(app).exists();

        Path extracted = work.resolve("extracted");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(extracted.resolve(layer)).as(layer).isDirectory();
        }
        assertThat(extracted.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .isRegularFile();
        assertThat(extracted.resolve("application/BOOT-INF/classes")).isDirectory();
        assertThat(countJars(extracted.resolve("dependencies/BOOT-INF/lib"))).isGreaterThan(10);
    }

    private static long countJars(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".jar")).count();
        }
    }
}

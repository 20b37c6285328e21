package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one Dockerfile of the services, at the repository root, read as text (there is no Docker daemon to build it
 * here); the build argument {@code MODULE} names the service.
 */
class DockerfileTest {

    private static final List<String> SERVICES = List.of("ingest-service", "remediation-service", "notifier-service",
            "console");

    private List<String> lines;
    private String text;

    @BeforeEach
    void read() throws IOException {
        lines = Files.readAllLines(Repository.root().resolve("Dockerfile")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        text = String.join("\n", lines);
    }

    @Test
    void multiStageLayeredJarAsNonRootUser() {
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).as("two stages: extract, runtime").hasSize(2);
        assertThat(from.getFirst()).endsWith(" AS extract");
        assertThat(text).contains("ARG JRE_IMAGE=eclipse-temurin:21-jre");
        assertThat(from.getLast()).isEqualTo("FROM ${JRE_IMAGE}");

        assertThat(text).contains("ARG VERSION=" + Repository.version())
                .contains("ARG JAR_FILE=${MODULE}/target/${MODULE}-${VERSION}-exec.jar")
                .contains("COPY ${JAR_FILE} app.jar");
        assertThat(text).contains("RUN java -Djarmode=tools -jar app.jar extract --layers --launcher "
                + "--destination extracted");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(text).contains("COPY --from=extract /build/extracted/" + layer + "/ ./");
        }
        assertThat(text).contains("ENTRYPOINT [\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");

        List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
        assertThat(users).as("one USER, numeric, not root").singleElement().satisfies(user -> {
            Matcher id = Pattern.compile("USER (\\d+):(\\d+)").matcher(user);
            assertThat(id.matches()).as(user).isTrue();
            assertThat(Integer.parseInt(id.group(1))).isPositive();
            assertThat(Integer.parseInt(id.group(2))).isPositive();
        });
        int userLine = lines.indexOf(users.getFirst());
        assertThat(lines.subList(userLine, lines.size())).noneMatch(l -> l.startsWith("RUN "));
    }

    @Test
    void theHeapIsHalfTheMemoryLimit() {
        assertThat(text).contains("-XX:MaxRAMPercentage=50.0 ").contains("-XX:+ExitOnOutOfMemoryError")
                .contains("EXPOSE 8080");
    }

    @Test
    void theModuleArgumentIsRequiredAndNamesOneOfTheServices() {
        int extract = indexOf("FROM ${JRE_IMAGE} AS extract");
        int module = indexOf("ARG MODULE");
        int check = indexOf("RUN case \"${MODULE}\" in \\");
        int copy = indexOf("COPY ${JAR_FILE} app.jar");
        assertThat(module).as("MODULE has no default").isGreaterThan(extract);
        assertThat(check).as("checked before the jar is copied").isBetween(module, copy);
        assertThat(lines.get(check + 1)).isEqualTo(String.join("|", SERVICES) + ") ;; \\");
        assertThat(lines.get(check + 2)).startsWith("*) echo").contains("--build-arg MODULE=");
    }

    @Test
    void theServicesHaveNoDockerfileOfTheirOwn() {
        for (String module : SERVICES) {
            assertThat(Repository.root().resolve(module)).isDirectory();
            assertThat(Repository.root().resolve(module).resolve("Dockerfile")).doesNotExist();
        }
    }

    private int indexOf(String line) {
        int index = lines.indexOf(line);
        assertThat(index).as(line).isNotNegative();
        return index;
    }
}

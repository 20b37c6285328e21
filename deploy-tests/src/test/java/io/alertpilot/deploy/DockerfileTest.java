package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The services' Dockerfiles, read as text (there is no Docker daemon to build them here). */
class DockerfileTest {

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "remediation-service", "notifier-service"})
    void multiStageLayeredJarAsNonRootUser(String module) throws IOException {
        Path file = Repository.root().resolve(module).resolve("Dockerfile");
        List<String> lines = Files.readAllLines(file).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        String text = String.join("\n", lines);

        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertThat(from).as("two stages: extract, runtime").hasSize(2);
        assertThat(from.getFirst()).endsWith(" AS extract");
        assertThat(text).contains("ARG JRE_IMAGE=eclipse-temurin:21-jre");
        assertThat(from.getLast()).isEqualTo("FROM ${JRE_IMAGE}");

        String jar = module + "/target/" + module + "-" + Repository.version() + "-exec.jar";
        assertThat(text).contains("ARG JAR_FILE=" + jar).contains("COPY ${JAR_FILE} app.jar");
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
        assertThat(text).contains("EXPOSE 8080").contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
    }
}

package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped playbook file is valid for both {@code schemas/playbook.schema.json} and the loader; bad ones for neither. */
class PlaybookSchemaTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final List<Path> SHIPPED = List.of(
            REPOSITORY.resolve("remediation-service/src/main/resources/playbooks/examples.yml"),
            REPOSITORY.resolve("compose/playbooks/demo.yaml"));

    private final SchemaCheck schema = SchemaCheck.of("playbook.schema.json");
    private final PlaybookLoader loader = new PlaybookLoader();

    private PlaybookSet load(String name, String text) {
        return loader.load(List.of(new PlaybookLoader.Source(name, text)), Instant.EPOCH);
    }

    @Test
    void everyShippedFileNamesTheSchemaAndIsValidForSchemaAndLoader() throws IOException {
        try (Stream<Path> compose = Files.list(REPOSITORY.resolve("compose/playbooks"))) {
            assertThat(SHIPPED).containsAll(compose.toList());
        }
        for (Path file : SHIPPED) {
            String text = SchemaCheck.text(file);
            assertThat(text.lines().findFirst()).as("%s", file).contains(schema.modelineFor(file));
            assertThat(schema.problems(text)).as("%s", file).isEmpty();
            assertThat(load(file.toString(), text).playbooks()).as("%s", file).isNotEmpty();
        }
    }

    @Test
    void thePlaybooksInTheHelmValuesAreValidForSchemaAndLoader() {
        for (String values : List.of("helm/alertpilot/values.yaml", "helm/values-production.yaml")) {
            Map<String, String> files = SchemaCheck.helmFiles(REPOSITORY.resolve(values), "remediation", "playbooks");
            assertThat(files).as(values).isNotEmpty();
            files.forEach((name, text) -> {
                assertThat(schema.problems(text)).as("%s %s", values, name).isEmpty();
                assertThat(load(name, text).playbooks()).as("%s %s", values, name).isNotEmpty();
            });
        }
    }

    @Test
    void everyInvalidFixtureIsRefusedByTheSchemaAndByTheLoader() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("remediation-service/src/test/resources/invalid-playbooks"))) {
            fixtures = files.sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(7);
        for (Path fixture : fixtures) {
            String text = SchemaCheck.text(fixture);
            assertThat(schema.problems(text)).as("schema on %s", fixture.getFileName()).isNotEmpty();
            assertThatThrownBy(() -> load(fixture.getFileName().toString(), text)).as("loader on %s", fixture.getFileName())
                    .isInstanceOf(InvalidPlaybookException.class);
        }
    }

    @Test
    void theLoaderNamesFilePlaybookAndFieldOfAnUnknownKey() {
        Path fixture = REPOSITORY.resolve("remediation-service/src/test/resources/invalid-playbooks/unknown-key.yml");
        assertThatThrownBy(() -> load("unknown-key.yml", SchemaCheck.text(fixture)))
                .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> {
                    assertThat(e.file()).isEqualTo("unknown-key.yml");
                    assertThat(e.playbook()).isEqualTo("restart-crashlooping-pods");
                    assertThat(e.field()).isEqualTo("guard.coolDown");
                })
                .hasMessage("unknown-key.yml: playbook 'restart-crashlooping-pods': field 'guard.coolDown': is not known; "
                        + "known are cooldown, flapping, maxAttempts, minReadyReplicas, window (line 6)");
    }
}

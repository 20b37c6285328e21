package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped playbook file is valid for both {@code schemas/playbook.schema.json} and the loader; bad ones for neither. */
class PlaybookSchemaTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final Path INVALID = REPOSITORY.resolve("remediation-service/src/test/resources/invalid-playbooks");

    private final SchemaCheck schema = SchemaCheck.of("playbook.schema.json");
    private final PlaybookLoader loader = new PlaybookLoader();

    private void load(String name, String text) {
        assertThat(loader.load(List.of(new PlaybookLoader.Source(name, text)), Instant.EPOCH).playbooks()).as(name)
                .isNotEmpty();
    }

    @Test
    void everyShippedFileNamesTheSchemaAndIsValidForSchemaAndLoader() throws IOException {
        List<Path> shipped = List.of(REPOSITORY.resolve("remediation-service/src/main/resources/playbooks/examples.yml"),
                REPOSITORY.resolve("compose/playbooks/demo.yaml"), REPOSITORY.resolve("examples/playbooks/matching.yml"),
                REPOSITORY.resolve("examples/playbooks/service-down-ladder.yml"));
        try (Stream<Path> compose = Files.list(REPOSITORY.resolve("compose/playbooks"))) {
            assertThat(shipped).containsAll(compose.toList());
        }
        schema.assertShippedFilesValid(shipped, this::load);
    }

    @Test
    void thePlaybooksInTheHelmValuesAreValidForSchemaAndLoader() {
        schema.assertHelmFilesValid(List.of(REPOSITORY.resolve("helm/alertpilot/values.yaml"),
                REPOSITORY.resolve("helm/values-production.yaml")), List.of("remediation", "playbooks"), this::load);
    }

    @Test
    void everyInvalidFixtureIsRefusedByTheSchemaAndByTheLoader() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("unknown-key.yml", "bad-duration.yml",
                    "bad-enum.yml", "missing-actions.yml", "bad-regex.yml", "on-failure.yml");
        }
        schema.assertAllRefusedByBoth(INVALID, InvalidPlaybookException.class, this::load);
    }

    @Test
    void theLoaderNamesFilePlaybookAndFieldOfAnUnknownKey() {
        assertThatThrownBy(() -> load("unknown-key.yml", SchemaCheck.text(INVALID.resolve("unknown-key.yml"))))
                .isInstanceOfSatisfying(InvalidPlaybookException.class, e -> {
                    assertThat(e.file()).isEqualTo("unknown-key.yml");
                    assertThat(e.playbook()).isEqualTo("restart-crashlooping-pods");
                    assertThat(e.field()).isEqualTo("guard.coolDown");
                })
                .hasMessage("unknown-key.yml: playbook 'restart-crashlooping-pods', field 'guard.coolDown': is not known; "
                        + "known are cooldown, flapping, maxAttempts, minReadyReplicas, window (line 6)");
    }
}

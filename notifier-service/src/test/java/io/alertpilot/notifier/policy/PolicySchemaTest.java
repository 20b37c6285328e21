package io.alertpilot.notifier.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.SchemaCheck;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.PolicyReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped policy file is valid for both {@code schemas/policy.schema.json} and the reader; bad ones for neither. */
class PolicySchemaTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final List<Path> SHIPPED = List.of(
            REPOSITORY.resolve("notifier-service/src/main/resources/" + PolicyLoader.DEFAULTS),
            REPOSITORY.resolve("compose/policies/demo.yaml"));

    private final SchemaCheck schema = SchemaCheck.of("policy.schema.json");
    private final PolicyReader reader = new PolicyReader(Set.copyOf(ChannelNames.ALL));

    @Test
    void everyShippedFileNamesTheSchemaAndIsValidForSchemaAndReader() throws IOException {
        try (Stream<Path> compose = Files.list(REPOSITORY.resolve("compose/policies"))) {
            assertThat(SHIPPED).containsAll(compose.toList());
        }
        for (Path file : SHIPPED) {
            String text = SchemaCheck.text(file);
            assertThat(text.lines().findFirst()).as("%s", file).contains(schema.modelineFor(file));
            assertThat(schema.problems(text)).as("%s", file).isEmpty();
            assertThat(reader.read(file.toString(), text)).as("%s", file).isNotEmpty();
        }
    }

    @Test
    void thePoliciesInTheHelmValuesAreValidForSchemaAndReader() {
        for (String values : List.of("helm/alertpilot/values.yaml", "helm/values-production.yaml")) {
            Map<String, String> files = SchemaCheck.helmFiles(REPOSITORY.resolve(values), "notifier", "policies");
            assertThat(files).as(values).isNotEmpty();
            files.forEach((name, text) -> {
                assertThat(schema.problems(text)).as("%s %s", values, name).isEmpty();
                assertThat(reader.read(name, text)).as("%s %s", values, name).isNotEmpty();
            });
        }
    }

    @Test
    void everyInvalidFixtureIsRefusedByTheSchemaAndByTheReader() throws IOException {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("notifier-service/src/test/resources/invalid-policies"))) {
            fixtures = files.sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(7);
        for (Path fixture : fixtures) {
            String text = SchemaCheck.text(fixture);
            assertThat(schema.problems(text)).as("schema on %s", fixture.getFileName()).isNotEmpty();
            assertThatThrownBy(() -> reader.read(fixture.getFileName().toString(), text))
                    .as("reader on %s", fixture.getFileName()).isInstanceOf(InvalidPolicyException.class);
        }
    }

    @Test
    void theReaderNamesFilePolicyAndFieldOfAnUnknownKey() {
        Path fixture = REPOSITORY.resolve("notifier-service/src/test/resources/invalid-policies/unknown-key.yaml");
        assertThatThrownBy(() -> reader.read("unknown-key.yaml", SchemaCheck.text(fixture)))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.file()).isEqualTo("unknown-key.yaml");
                    assertThat(e.policy()).isEqualTo("shop");
                    assertThat(e.field()).isEqualTo("repeats");
                })
                .hasMessageStartingWith("unknown-key.yaml: policy 'shop', field 'repeats': is not known; known are ")
                .hasMessageEndingWith("(line 4)");
    }
}

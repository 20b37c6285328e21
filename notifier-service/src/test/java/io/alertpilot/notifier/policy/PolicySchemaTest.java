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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped policy file is valid for both {@code schemas/policy.schema.json} and the reader; bad ones for neither. */
class PolicySchemaTest {

    private static final Path REPOSITORY = SchemaCheck.repository();
    private static final Path INVALID = REPOSITORY.resolve("notifier-service/src/test/resources/invalid-policies");

    private final SchemaCheck schema = SchemaCheck.of("policy.schema.json");
    private final PolicyReader reader = new PolicyReader(Set.copyOf(ChannelNames.ALL));

    private void read(String name, String text) {
        assertThat(reader.read(name, text)).as(name).isNotEmpty();
    }

    @Test
    void everyShippedFileNamesTheSchemaAndIsValidForSchemaAndReader() throws IOException {
        List<Path> shipped = List.of(REPOSITORY.resolve("notifier-service/src/main/resources/" + PolicyLoader.DEFAULTS),
                REPOSITORY.resolve("compose/policies/demo.yaml"), REPOSITORY.resolve("examples/policies/escalation.yaml"));
        try (Stream<Path> compose = Files.list(REPOSITORY.resolve("compose/policies"))) {
            assertThat(shipped).containsAll(compose.toList());
        }
        schema.assertShippedFilesValid(shipped, this::read);
    }

    @Test
    void thePoliciesInTheHelmValuesAreValidForSchemaAndReader() {
        schema.assertHelmFilesValid(List.of(REPOSITORY.resolve("helm/alertpilot/values.yaml"),
                REPOSITORY.resolve("helm/values-production.yaml")), List.of("notifier", "policies"), this::read);
    }

    @Test
    void everyInvalidFixtureIsRefusedByTheSchemaAndByTheReader() throws IOException {
        try (Stream<Path> files = Files.list(INVALID)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("unknown-key.yaml", "bad-duration.yaml",
                    "bad-enum.yaml", "missing-steps.yaml", "bad-regex.yaml", "unknown-channel.yaml", "bad-group.yaml");
        }
        schema.assertAllRefusedByBoth(INVALID, InvalidPolicyException.class, this::read);
    }

    @Test
    void theReaderNamesFilePolicyAndFieldOfAnUnknownKey() {
        assertThatThrownBy(() -> read("unknown-key.yaml", SchemaCheck.text(INVALID.resolve("unknown-key.yaml"))))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.file()).isEqualTo("unknown-key.yaml");
                    assertThat(e.policy()).isEqualTo("shop");
                    assertThat(e.field()).isEqualTo("repeats");
                })
                .hasMessageStartingWith("unknown-key.yaml: policy 'shop', field 'repeats': is not known; known are ")
                .hasMessageEndingWith("(line 4)");
    }
}

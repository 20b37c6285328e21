package io.alertpilot.cli.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.config.SchemaCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped test file is valid for {@code schemas/playbook-test.schema.json} and the reader; bad ones for neither. */
class PlaybookTestSchemaTest {

    private static final Path REPOSITORY = SchemaCheck.repository();

    private final SchemaCheck schema = SchemaCheck.of("playbook-test.schema.json");
    private final TestFileReader reader = new TestFileReader();

    private void read(String name, String text) {
        try {
            Path file = Files.createTempFile("shipped", ".test.yml");
            Files.writeString(file, text);
            assertThat(reader.read(file).tests()).as(name).isNotEmpty();
            Files.delete(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyShippedTestFileNamesTheSchemaAndIsValidForSchemaAndReader() throws IOException {
        List<Path> shipped;
        try (Stream<Path> files = Files.list(REPOSITORY.resolve("examples/tests"))) {
            shipped = files.filter(f -> f.toString().endsWith(".test.yml")).sorted().toList();
        }
        assertThat(shipped).extracting(f -> f.getFileName().toString())
                .contains("examples.test.yml", "compose-demo.test.yml");
        schema.assertShippedFilesValid(shipped, this::read);
    }

    @Test
    void everyInvalidFixtureIsRefusedByTheSchemaAndByTheReader() {
        schema.assertAllRefusedByBoth(REPOSITORY.resolve("cli/src/test/resources/invalid-tests"),
                InvalidTestFileException.class, this::read);
    }
}

package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Test support: one of the repository's JSON Schemas ({@code schemas/*.schema.json}) and the shipped files it
 * describes. Validates with format assertions on (so {@code format: regex} is checked).
 */
public final class SchemaCheck {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Path schemaFile;
    private final Schema schema;

    private SchemaCheck(Path schemaFile) {
        this.schemaFile = schemaFile;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text(schemaFile));
    }

    /** The schema {@code schemas/<name>} of the repository. */
    public static SchemaCheck of(String name) {
        return new SchemaCheck(repository().resolve("schemas").resolve(name));
    }

    /** The repository's root: the nearest directory up from the working directory that holds {@code schemas/}. */
    public static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("schemas"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no schemas/ directory above " + Path.of("").toAbsolutePath());
    }

    /** What the schema finds wrong with {@code yamlText}, empty when it is valid. */
    public List<String> problems(String yamlText) {
        JsonNode node = YAML.readTree(yamlText);
        List<Error> errors = schema.validate(node,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }

    /**
     * Checks shipped files: each starts with the schema's modeline, the schema finds nothing wrong, and {@code load}
     * (given the file's name and text) accepts it.
     */
    public void assertShippedFilesValid(List<Path> files, BiConsumer<String, String> load) {
        for (Path file : files) {
            String text = text(file);
            assertThat(text.lines().findFirst()).as("%s", file).contains(modelineFor(file));
            assertThat(problems(text)).as("%s", file).isEmpty();
            load.accept(file.toString(), text);
        }
    }

    /** Checks the files embedded in Helm values files under {@code path}: the schema and {@code load} accept each. */
    public void assertHelmFilesValid(List<Path> valuesFiles, List<String> path, BiConsumer<String, String> load) {
        for (Path values : valuesFiles) {
            Map<String, String> files = helmFiles(values, path.toArray(String[]::new));
            assertThat(files).as("%s", values).isNotEmpty();
            files.forEach((name, text) -> {
                assertThat(problems(text)).as("%s %s", values, name).isEmpty();
                load.accept(name, text);
            });
        }
    }

    /** Checks that the schema and {@code load} (throwing {@code refusal}) both refuse every file of {@code directory}. */
    public void assertAllRefusedByBoth(Path directory, Class<? extends RuntimeException> refusal,
            BiConsumer<String, String> load) {
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(directory)) {
            fixtures = files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(fixtures).as("%s", directory).isNotEmpty();
        for (Path fixture : fixtures) {
            String text = text(fixture);
            assertThat(problems(text)).as("schema on %s", fixture.getFileName()).isNotEmpty();
            assertThatThrownBy(() -> load.accept(fixture.getFileName().toString(), text))
                    .as("loader on %s", fixture.getFileName()).isInstanceOf(refusal);
        }
    }

    /** The line a shipped file must start with so that editors (yaml-language-server) pick the schema. */
    public String modelineFor(Path file) {
        return "# yaml-language-server: $schema="
                + file.toAbsolutePath().getParent().relativize(schemaFile).toString().replace('\\', '/');
    }

    /**
     * The files embedded in a Helm values file under {@code path} (e.g. {@code remediation}, {@code playbooks}):
     * file name to YAML text; a string entry is kept as written, a null entry (a dropped file) is left out.
     */
    public static Map<String, String> helmFiles(Path values, String... path) {
        JsonNode node = YAML.readTree(text(values));
        for (String key : path) {
            node = node.path(key);
        }
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isString()) {
                files.put(entry.getKey(), entry.getValue().asString());
            } else if (!entry.getValue().isNull()) {
                files.put(entry.getKey(), YAML.writeValueAsString(entry.getValue()));
            }
        }
        return files;
    }

    /** The file's text. */
    public static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

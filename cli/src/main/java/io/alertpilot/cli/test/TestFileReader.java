package io.alertpilot.cli.test;

import io.alertpilot.config.BoundFile;
import io.alertpilot.config.YamlBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a playbook test file with the configuration files' one YAML binding: unknown keys are refused, durations read
 * as in playbooks ({@code 30s}, {@code 5m}, {@code 1h30m}), the problem names the file, the field path and the line.
 * Stateless and thread safe.
 */
final class TestFileReader {

    private final YamlBinding binding = new YamlBinding();

    /**
     * @throws InvalidTestFileException when the file cannot be read or is not a valid test file
     */
    TestFile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw InvalidTestFileException.of(file.toString(), null, "cannot be read: " + e.getMessage());
        }
        if (text.isBlank()) {
            throw InvalidTestFileException.of(file.toString(), null, "is empty: a test file needs playbooks and tests");
        }
        BoundFile<TestFile> bound = binding.bindDocument(file.toString(), text, TestFile.class);
        if (!bound.problems().isEmpty()) {
            throw new InvalidTestFileException(bound.problems());
        }
        return bound.items().getFirst().value();
    }
}

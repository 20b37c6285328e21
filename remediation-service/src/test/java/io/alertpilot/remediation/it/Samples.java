package io.alertpilot.remediation.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The alert samples of shared-model's test-jar. */
final class Samples {

    private Samples() {
    }

    static String read(String path) {
        return readTest("samples/" + path);
    }

    /** A resource of the test class path. */
    static String readTest(String path) {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

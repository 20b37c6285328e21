package io.alertpilot.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Paths in the repository: the root is the parent of this module (system property {@code alertpilot.root}). */
final class Repository {

    private Repository() {
    }

    static Path root() {
        Path root = Paths.get(System.getProperty("alertpilot.root", "..")).toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("helm/alertpilot"))) {
            throw new IllegalStateException("not the repository root (no helm/alertpilot): " + root);
        }
        return root;
    }

    static Path chart() {
        return root().resolve("helm/alertpilot");
    }

    static Path compose() {
        return root().resolve("compose");
    }

    /** The project version the Dockerfiles' jar names carry (system property {@code alertpilot.version}). */
    static String version() {
        return System.getProperty("alertpilot.version", "0.1.0-SNAPSHOT");
    }
}

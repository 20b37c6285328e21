package io.alertpilot.remediation.match;

import java.nio.file.Path;

/** A violation for ArchitectureRulesTest: a pure package touching the file system. */
public class ReadsFiles {

    public Path where() {
        return Path.of("playbooks");
    }
}

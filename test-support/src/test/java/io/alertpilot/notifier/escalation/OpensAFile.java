package io.alertpilot.notifier.escalation;

import java.io.FileReader;
import java.io.IOException;

/** A violation for ArchitectureRulesTest: a pure package opening a file. */
public class OpensAFile {

    public int firstChar() throws IOException {
        try (FileReader reader = new FileReader("policies.yml")) {
            return reader.read();
        }
    }
}

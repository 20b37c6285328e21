package io.alertpilot.remediation.web;

import io.alertpilot.ingest.web.IngestEndpoint;

/** A violation for ArchitectureRulesTest: one service importing another. */
public class UsesIngest {

    public String path() {
        return new IngestEndpoint().path();
    }
}

package io.alertpilot.ingest.web;

/** Stands for a class of the ingest service in ArchitectureRulesTest. */
public class IngestEndpoint {

    public String path() {
        return "/api/v1/webhooks";
    }
}

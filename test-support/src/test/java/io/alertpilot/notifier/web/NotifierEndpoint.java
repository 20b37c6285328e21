package io.alertpilot.notifier.web;

/** Stands for an edge class (web) of the notifier in ArchitectureRulesTest. */
public class NotifierEndpoint {

    public String path() {
        return "/api/v1/incidents";
    }
}

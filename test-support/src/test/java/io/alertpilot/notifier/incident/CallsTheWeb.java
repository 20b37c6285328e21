package io.alertpilot.notifier.incident;

import io.alertpilot.notifier.web.NotifierEndpoint;

/** A violation for ArchitectureRulesTest: a domain package using an edge package. */
public class CallsTheWeb {

    public String path() {
        return new NotifierEndpoint().path();
    }
}

package io.alertpilot.notifier.cyclea;

import io.alertpilot.notifier.cycleb.Second;

/** Half of a package cycle for ArchitectureRulesTest. */
public class First {

    public Second next() {
        return new Second();
    }
}

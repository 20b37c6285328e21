package io.alertpilot.notifier.cycleb;

import io.alertpilot.notifier.cyclea.First;

/** The other half of a package cycle for ArchitectureRulesTest. */
public class Second {

    public First back() {
        return new First();
    }
}

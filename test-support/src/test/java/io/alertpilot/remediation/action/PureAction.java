package io.alertpilot.remediation.action;

import java.time.Duration;

/** A class that keeps every rule, for ArchitectureRulesTest. */
public record PureAction(String name, Duration timeout) {
}

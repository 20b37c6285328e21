package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded policies in routing order: the first policy whose match holds routes an incident; when none does, the
 * last policy (a catch-all by convention) routes it. Immutable and thread safe.
 */
public record PolicySet(List<Policy> policies) {

    public PolicySet {
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("at least one escalation policy is needed");
        }
    }

    /** The policy that routes an alert with these properties and no raw priority. */
    public Policy route(String alertName, Severity severity, Map<String, String> labels) {
        return route(alertName, severity, labels, null);
    }

    /** The policy that routes an alert with these properties; {@code priority} is its raw priority, or null. */
    public Policy route(String alertName, Severity severity, Map<String, String> labels, String priority) {
        return policies.stream()
                .filter(policy -> policy.match().matches(alertName, severity, labels, priority))
                .findFirst()
                .orElse(policies.getLast());
    }

    /** The policy named {@code name}, if loaded. */
    public Optional<Policy> byName(String name) {
        return policies.stream().filter(policy -> policy.name().equals(name)).findFirst();
    }
}

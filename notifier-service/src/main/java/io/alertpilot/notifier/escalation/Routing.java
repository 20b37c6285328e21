package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which policy escalates an incident, and the machine's timing settings. The policies are read at every call, so a
 * reload takes effect at the next event. Thread safe.
 *
 * @param policies the current policies
 * @param decisionWindow how long a new firing alert waits for a remediation event before it counts as unhandled
 * @param defaultGrace how long a handled alert may keep firing before it escalates, unless its policy says
 */
record Routing(Supplier<PolicySet> policies, Duration decisionWindow, Duration defaultGrace) {

    Routing {
        Objects.requireNonNull(policies);
        Objects.requireNonNull(decisionWindow);
        Objects.requireNonNull(defaultGrace);
    }

    /** The policy named {@code name} when still loaded, else the one the alert's properties route to. */
    Policy policy(String name, String alertName, Severity severity, Map<String, String> labels, String priority) {
        PolicySet set = policies.get();
        if (name != null) {
            var named = set.byName(name);
            if (named.isPresent()) {
                return named.get();
            }
        }
        return set.route(alertName, severity, labels, priority);
    }

    /** The policy of {@code draft}: see {@link #policy}. */
    Policy policy(IncidentDraft draft) {
        return policy(draft.policy, draft.alertName, draft.severity, draft.labels, draft.priority);
    }

    /** How long a handled alert routed to {@code policy} may keep firing before it escalates. */
    Duration grace(Policy policy) {
        return policy.remediationGrace() != null ? policy.remediationGrace() : defaultGrace;
    }
}

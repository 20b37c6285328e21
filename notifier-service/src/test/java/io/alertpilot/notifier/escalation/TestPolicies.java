package io.alertpilot.notifier.escalation;

import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Policies built in code for the state machine tests. */
final class TestPolicies {

    static final Contact PRIMARY = new Contact("pagerduty", "primary");
    static final Contact SECONDARY = new Contact("pagerduty", "secondary");
    static final Contact MANAGER = new Contact("pagerduty", "manager");
    static final Contact INCIDENTS = new Contact("slack", "incidents");
    static final Contact APPROVERS = new Contact("slack", "approvals");
    static final Contact FALLBACK = new Contact("log", "pages");

    private TestPolicies() {
    }

    /** Critical: primary at once, secondary after 5 min, manager and #incidents after 15 min; one repeat after 10 min. */
    static Policy critical() {
        return new Policy("critical", "test", new PolicyMatch(Set.of(Severity.CRITICAL), Set.of(), LabelMatcher.ANY),
                List.of(new Step(Duration.ZERO, List.of(PRIMARY)),
                        new Step(Duration.ofMinutes(5), List.of(SECONDARY)),
                        new Step(Duration.ofMinutes(15), List.of(MANAGER, INCIDENTS))),
                1, Duration.ofMinutes(10), FALLBACK, List.of(APPROVERS), List.of(INCIDENTS), Duration.ofMinutes(10));
    }

    static Policy chat() {
        return new Policy("chat", "test", PolicyMatch.ANY,
                List.of(new Step(Duration.ZERO, List.of(new Contact("slack", "alerts")))),
                0, Duration.ofMinutes(10), FALLBACK, List.of(), List.of(), null);
    }

    static PolicySet set() {
        return new PolicySet(List.of(critical(), chat()));
    }
}

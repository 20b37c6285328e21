package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.playbook.ActionType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The remediation meters, registered up front for every action and outcome so dashboards show zeros, not gaps:
 * {@code alertpilot.remediation.actions} (action, outcome = the phase) and {@code alertpilot.remediation.duration}
 * (action, outcome = verified or failed; from STARTED to the end of verification), plus
 * {@code alertpilot.remediation.duplicates}, records that were delivered again and left alone.
 */
public class RemediationMetrics {

    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<String, Timer> timers = new HashMap<>();
    private final Counter duplicates;

    public RemediationMetrics(MeterRegistry registry) {
        for (ActionType type : ActionType.values()) {
            for (RemediationPhase phase : RemediationPhase.values()) {
                counters.put(key(type.yamlName(), phase.name()), Counter.builder("alertpilot.remediation.actions")
                        .description("Remediation steps by action and outcome")
                        .tag("action", type.yamlName())
                        .tag("outcome", phase.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            for (String outcome : new String[] {"verified", "failed"}) {
                timers.put(key(type.yamlName(), outcome), Timer.builder("alertpilot.remediation.duration")
                        .description("Time from STARTED to VERIFIED or FAILED")
                        .tag("action", type.yamlName())
                        .tag("outcome", outcome)
                        .register(registry));
            }
        }
        duplicates = Counter.builder("alertpilot.remediation.duplicates")
                .description("Alert records delivered again and not acted on a second time")
                .register(registry);
    }

    void phase(String action, RemediationPhase phase) {
        Counter counter = counters.get(key(action, phase.name()));
        if (counter != null) {
            counter.increment();
        }
    }

    void duration(String action, boolean verified, Duration duration) {
        Timer timer = timers.get(key(action, verified ? "verified" : "failed"));
        if (timer != null) {
            timer.record(duration);
        }
    }

    void duplicate() {
        duplicates.increment();
    }

    private static String key(String action, String outcome) {
        return action + "|" + outcome;
    }
}

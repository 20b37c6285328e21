package io.alertpilot.notifier.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the escalation policies again ({@link PolicyLibrary#reload()}; a {@code PeriodicTask} calls it at the reload
 * interval), logs what changed or why a change was refused, and counts both in
 * {@code alertpilot.notifier.policy.reloads} (tag {@code outcome}: {@code loaded}, {@code refused}; registered up
 * front). Thread safe.
 */
public final class PolicyReloader {

    private static final Logger log = LoggerFactory.getLogger(PolicyReloader.class);
    private static final String METRIC = "alertpilot.notifier.policy.reloads";

    private final PolicyLibrary library;
    private final Counter loaded;
    private final Counter refused;

    public PolicyReloader(PolicyLibrary library, MeterRegistry registry) {
        this.library = library;
        this.loaded = counter(registry, "loaded");
        this.refused = counter(registry, "refused");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(METRIC).description("Escalation policy reloads that changed the set or were refused")
                .tag("outcome", outcome).register(registry);
    }

    /** Reads the policies once now; never throws for bad or unreadable content. */
    public PolicyLibrary.Reload reload() {
        PolicyLibrary.Reload result = library.reload();
        switch (result) {
            case PolicyLibrary.Reload.Loaded set -> {
                loaded.increment();
                log.info("Escalation policies reloaded: {}", set.set().policies().stream()
                        .map(policy -> policy.name() + " (" + policy.source() + ")").toList());
            }
            case PolicyLibrary.Reload.Refused refusal -> {
                refused.increment();
                log.error("Escalation policies NOT reloaded, the last good set stays in force: {}", refusal.message());
            }
            case PolicyLibrary.Reload.Unchanged unchanged -> {
            }
        }
        return result;
    }
}

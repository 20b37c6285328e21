package io.alertpilot.support.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The states of a service's circuit breakers as a health component: details name -> state ({@code CLOSED},
 * {@code OPEN}, {@code HALF_OPEN}, ...), sorted by name. Always UP: a breaker that is open is shown, not a reason to
 * restart the pod (it opened because a peer fails, and closes by itself). Thread safe when {@code states} is.
 */
public final class BreakerStatesHealthIndicator implements HealthIndicator {

    private final Supplier<Map<String, String>> states;

    /** @param states the current state of each breaker, by name (read at every health request) */
    public BreakerStatesHealthIndicator(Supplier<Map<String, String>> states) {
        this.states = states;
    }

    @Override
    public Health health() {
        return Health.up().withDetails(new TreeMap<>(states.get())).build();
    }
}

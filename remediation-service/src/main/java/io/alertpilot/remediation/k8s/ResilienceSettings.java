package io.alertpilot.remediation.k8s;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Breaker, retry and time limit of the calls to one cluster.
 *
 * @param callTimeout the time limiter: one call (one attempt) may take this long
 * @param maxAttempts attempts per call, the first included, for transient failures only
 * @param initialBackoff the first wait between attempts; it doubles, with +-50 % jitter
 * @param failureRateThreshold the percentage of failed calls that opens the breaker
 * @param slidingWindowSize how many recent calls the breaker looks at
 * @param minimumCalls calls needed before the breaker may open
 * @param openDuration how long an open breaker refuses calls before it lets a few through
 */
public record ResilienceSettings(
        Duration callTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        float failureRateThreshold,
        int slidingWindowSize,
        int minimumCalls,
        Duration openDuration) {

    /**
     * The circuit breaker these settings describe (count based, one trial call when half open), counting the failures
     * {@code recorded} accepts; every breaker of the service (per cluster, per Azure subscription) is made here.
     */
    public CircuitBreakerConfig breakerConfig(Predicate<Throwable> recorded) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(openDuration)
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(recorded)
                .build();
    }
}

package io.alertpilot.remediation.azure;

import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * A circuit breaker per Azure subscription ({@code azure-<subscription>}), with the settings the Kubernetes clusters'
 * breakers have. It counts only Azure's own failures ({@link AzureCallException#transientFailure()}: 429 after the
 * retries, 5xx, timeouts, I/O); a refused or failed operation (4xx, {@code lro-failed}) does not open it. Retries are
 * the SDK's (bounded, honouring Retry-After). The registry is private (not a bean); its meters are bound to
 * {@code meters}. Thread safe.
 */
public final class AzureResilience {

    private static final String PREFIX = "azure-";

    private final CircuitBreakerRegistry breakers;

    public AzureResilience(ResilienceSettings settings, MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.of(settings.breakerConfig(
                e -> e instanceof AzureCallException call && call.transientFailure()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
    }

    /** The breaker of {@code subscription}. */
    public CircuitBreaker breaker(String subscription) {
        return breakers.circuitBreaker(PREFIX + subscription);
    }

    /**
     * Runs {@code call} through the breaker of {@code subscription}.
     *
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException when the breaker is open (nothing sent)
     * @throws AzureCallException when the call failed for good
     */
    public <T> T call(String subscription, Supplier<T> call) {
        return CircuitBreaker.decorateSupplier(breaker(subscription), call).get();
    }
}

package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Every Kubernetes call goes through here: per cluster a circuit breaker ({@code k8s-<cluster>}), a retry with
 * exponential, jittered backoff for transient failures (timeouts, I/O errors, 409, 429, 5xx), and a time limit per
 * attempt. 401, 403, 404, 422 and other 4xx fail at once and do not count against the breaker. The registries are
 * private to this class (not beans), so they do not collide with other services' Resilience4j set-up in one JVM;
 * their meters ({@code resilience4j.circuitbreaker.*}, {@code resilience4j.retry.*}) are bound to the registry.
 * Thread safe.
 */
public final class KubernetesResilience implements AutoCloseable {

    private static final String PREFIX = "k8s-";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final TimeLimiter timeLimiter;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    public KubernetesResilience(ResilienceSettings settings, MeterRegistry meters) {
        CircuitBreakerConfig breakerConfig = settings.breakerConfig(KubernetesResilience::transientFailure);
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), 2.0, 0.5,
                        settings.maxBackoff()))
                .retryOnException(KubernetesResilience::transientFailure)
                .failAfterMaxAttempts(false)
                .build();
        this.breakers = CircuitBreakerRegistry.of(breakerConfig);
        this.retries = RetryRegistry.of(retryConfig);
        this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(settings.callTimeout())
                .cancelRunningFuture(true)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    /** Creates the breaker of {@code cluster} up front, so its state shows in the metrics from the start. */
    public void register(String cluster) {
        breakers.circuitBreaker(name(cluster));
        retries.retry(name(cluster));
    }

    /**
     * The state of each cluster's breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...), by cluster name:
     * those {@link #register registered} and any other called since.
     */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new TreeMap<>();
        breakers.getAllCircuitBreakers().forEach(b -> states.put(b.getName().substring(PREFIX.length()),
                b.getState().name()));
        return states;
    }

    /** The breaker of {@code cluster}. */
    public CircuitBreaker breaker(String cluster) {
        return breakers.circuitBreaker(name(cluster));
    }

    /**
     * Runs {@code call} against {@code cluster} with breaker, retry and time limit.
     *
     * @throws CircuitOpenException when the breaker refuses the call (nothing was sent)
     * @throws ClusterCallException when the call failed for good
     */
    public <T> T call(String cluster, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(name(cluster));
        Retry retry = retries.retry(name(cluster));
        Supplier<T> limited = () -> {
            try {
                return timeLimiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(call, calls));
            } catch (TimeoutException e) {
                throw new ClusterCallException("timeout", "no answer from cluster " + cluster + " within the time limit", e);
            } catch (ExecutionException e) {
                throw unwrap(e.getCause());
            } catch (RuntimeException e) {
                throw unwrap(e);
            } catch (Exception e) {
                throw new ClusterCallException("error", e.getMessage(), e);
            }
        };
        try {
            return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, limited)).get();
        } catch (CallNotPermittedException e) {
            throw new CircuitOpenException(cluster);
        } catch (ClusterCallException e) {
            throw e;
        } catch (KubernetesClientException e) {
            throw new ClusterCallException(reason(e), message(e), e);
        } catch (RuntimeException e) {
            throw new ClusterCallException("error", String.valueOf(e.getMessage()), e);
        }
    }

    /** True for failures worth another attempt and counted by the breaker: timeouts, I/O, 409, 429, 5xx. */
    public static boolean transientFailure(Throwable e) {
        if (e instanceof ClusterCallException c) {
            return c.reason().equals("timeout") || c.reason().equals("io-error")
                    || (c.getCause() != null && c.getCause() != c && transientFailure(c.getCause()));
        }
        if (e instanceof KubernetesClientTimeoutException || e instanceof TimeoutException
                || e instanceof InterruptedIOException) {
            return true;
        }
        if (e instanceof KubernetesClientException k) {
            int code = k.getCode();
            if (code == 0) {
                return k.getCause() == null || transientFailure(k.getCause()) || k.getCause() instanceof IOException;
            }
            return code == 409 || code == 429 || code >= 500;
        }
        return e instanceof IOException;
    }

    private static RuntimeException unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ClusterCallException c) {
            return c;
        }
        if (cause instanceof KubernetesClientException k) {
            return new ClusterCallException(reason(k), message(k), k);
        }
        if (cause instanceof IOException io) {
            return new ClusterCallException("io-error", io.getMessage(), io);
        }
        return cause instanceof RuntimeException r ? r : new ClusterCallException("error", cause.getMessage(), cause);
    }

    private static String reason(KubernetesClientException e) {
        if (e instanceof KubernetesClientTimeoutException) {
            return "timeout";
        }
        return e.getCode() == 0 ? "io-error" : "http-" + e.getCode();
    }

    private static String message(KubernetesClientException e) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : e.getMessage();
        return message == null ? "" : message.length() > 300 ? message.substring(0, 300) : message;
    }

    private static String name(String cluster) {
        return PREFIX + cluster;
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}

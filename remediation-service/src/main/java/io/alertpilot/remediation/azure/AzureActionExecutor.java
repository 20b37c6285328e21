package io.alertpilot.remediation.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.SyncPoller;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.AzureResourceId;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries out the Azure actions ({@code aks-start}, {@code aks-scale-nodepool}, {@code cosmos-throughput},
 * {@code postgres-promote}) on the target's resource through the Azure SDK, each through the breaker of the
 * resource's subscription. It never waits on the caller's thread (the Kafka listener's): {@link #execute} sends the
 * change (the begin call of its long-running operation) and answers Done ("accepted") at once; {@link #verify}, on the
 * Verifier's scheduler, polls the operation once per look (Azure-AsyncOperation or Location) and reads the resource,
 * pending while the operation runs, FAILED {@code lro-failed} when the operation or the resource's provisioning state
 * says Failed. An operation is followed for at most {@code operationTimeout}; after that (or after a restart) the
 * verification reads the resource's state only. Each action reads the resource first and changes nothing when it is
 * already as wanted, so a retry is a no-op. Results: {@code http-<status>} (e.g. {@code http-429} once the retries
 * are spent), SKIPPED {@code circuit-open}. Other actions are not Azure's: {@code unsupported}. Thread safe.
 */
public final class AzureActionExecutor implements ActionExecutor {

    /** The most operations followed at once; the oldest is dropped past it (its verification reads the state). */
    private static final int MAX_FOLLOWED = 1000;

    private final AzureResilience resilience;
    private final AzureOperations operations;
    private final Duration operationTimeout;
    private final Clock clock;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    /** An operation sent and not yet seen to end. */
    private record Followed(SyncPoller<?, ?> poller, Instant since) {
    }

    /**
     * @param operationTimeout how long a long-running operation is followed by the verification
     */
    public AzureActionExecutor(AzureClients clients, AzureResilience resilience, Duration operationTimeout) {
        this.resilience = resilience;
        this.operationTimeout = operationTimeout;
        this.clock = Clock.systemUTC();
        this.operations = new AzureOperations(clients, this::follow);
    }

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        AzureResourceId id = AzureResourceId.parse(target.name());
        try {
            return call(id, () -> switch (action) {
                case Action.AksStart a -> operations.aksStart(id);
                case Action.AksScaleNodePool a -> operations.aksScale(id, a);
                case Action.CosmosThroughput a -> operations.cosmosThroughput(id, a);
                case Action.PostgresPromote a -> operations.postgresPromote(id);
                default -> new ActionResult.Failed("unsupported", action.type().yamlName() + " is not an Azure action");
            });
        } catch (CallNotPermittedException e) {
            return new ActionResult.Skipped("circuit-open", "the circuit breaker of Azure subscription "
                    + id.subscription() + " is open: nothing was sent");
        } catch (AzureCallException e) {
            return new ActionResult.Failed(e.reason(), action.type().yamlName() + " on " + id.name() + ": "
                    + e.getMessage());
        }
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        AzureResourceId id = AzureResourceId.parse(target.name());
        try {
            return call(id, () -> {
                Verification operation = operation(done.details().get(AzureOperations.OPERATION));
                if (operation != null) {
                    return operation;
                }
                return switch (action) {
                    case Action.AksStart a -> operations.aksRunning(id);
                    case Action.AksScaleNodePool a -> operations.aksScaled(id, a, done);
                    case Action.CosmosThroughput a -> operations.cosmosSet(id, a, done);
                    case Action.PostgresPromote a -> operations.postgresPromoted(id);
                    default -> new Verification.Failed("unsupported", action.type().yamlName()
                            + " is not an Azure action");
                };
            });
        } catch (CallNotPermittedException e) {
            return new Verification.Pending("the circuit breaker of Azure subscription " + id.subscription()
                    + " is open");
        } catch (AzureCallException e) {
            return e.transientFailure() ? new Verification.Pending("cannot read " + id.name() + " now: " + e.reason())
                    : new Verification.Failed(e.reason(), e.getMessage());
        }
    }

    /** Keeps {@code poller} for the verification; answers its key. */
    private String follow(SyncPoller<?, ?> poller) {
        Instant now = clock.instant();
        followed.values().removeIf(f -> f.since().plus(operationTimeout).isBefore(now));
        if (followed.size() >= MAX_FOLLOWED) {
            followed.entrySet().stream().min(Map.Entry.comparingByValue(Comparator.comparing(Followed::since)))
                    .ifPresent(oldest -> followed.remove(oldest.getKey()));
        }
        String key = UUID.randomUUID().toString();
        followed.put(key, new Followed(poller, now));
        return key;
    }

    /**
     * One poll of the operation {@code key}: pending while it runs, FAILED {@code lro-failed} when it ended Failed or
     * Canceled; null when it succeeded or is no longer followed (the resource's state decides).
     */
    private Verification operation(String key) {
        Followed operation = key == null ? null : followed.get(key);
        if (operation == null) {
            return null;
        }
        if (operation.since().plus(operationTimeout).isBefore(clock.instant())) {
            followed.remove(key);
            return null;
        }
        LongRunningOperationStatus status;
        try {
            status = operation.poller().poll().getStatus();
        } catch (HttpResponseException e) {
            int code = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            if (code == 429 || code >= 500) {
                throw e; // transient: the next look polls again
            }
            followed.remove(key);
            return new Verification.Failed("lro-failed", "the operation failed: " + brief(e));
        }
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            followed.remove(key);
            return new Verification.Failed("lro-failed", "the operation ended " + status);
        }
        if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
            followed.remove(key);
            return null;
        }
        return new Verification.Pending("the operation is still running (" + status + ")");
    }

    /** Runs {@code call} through the subscription's breaker, with the SDK's failures as {@link AzureCallException}. */
    private <T> T call(AzureResourceId id, Supplier<T> call) {
        return resilience.call(id.subscription(), () -> {
            try {
                return call.get();
            } catch (HttpResponseException e) {
                int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
                // a 2xx "error" is the operation's own Failed status, read while polling
                throw new AzureCallException(status / 100 == 2 ? "lro-failed" : "http-" + status, brief(e), e);
            } catch (AzureCallException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new AzureCallException(cause(e), brief(e), e);
            }
        });
    }

    private static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return "timeout";
            }
            if (t instanceof IOException || t instanceof UncheckedIOException) {
                return "io-error";
            }
        }
        return "error";
    }

    private static String brief(Throwable e) {
        String message = String.valueOf(e.getMessage());
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}

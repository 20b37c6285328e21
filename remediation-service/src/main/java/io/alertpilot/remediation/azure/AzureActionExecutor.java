package io.alertpilot.remediation.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
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
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Carries out the Azure actions ({@code aks-start}, {@code aks-scale-nodepool}, {@code cosmos-throughput},
 * {@code postgres-promote}) on the target's resource through the Azure SDK, each through the breaker of the
 * resource's subscription, and waits up to {@code operationTimeout} for its long-running operation (polled as Azure
 * answers: Azure-AsyncOperation or Location, Retry-After). Each action reads the resource first and changes nothing
 * when it is already as wanted, so a retry is a no-op. Results: {@code http-<status>} (e.g. {@code http-429} once the
 * retries are spent), {@code lro-failed}, SKIPPED {@code circuit-open}. Other actions are not Azure's:
 * {@code unsupported}. Thread safe.
 */
public final class AzureActionExecutor implements ActionExecutor {

    private final AzureResilience resilience;
    private final AzureOperations operations;

    public AzureActionExecutor(AzureClients clients, AzureResilience resilience, Duration operationTimeout) {
        this.resilience = resilience;
        this.operations = new AzureOperations(clients, this::await, operationTimeout);
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
            return call(id, () -> switch (action) {
                case Action.AksStart a -> operations.aksRunning(id);
                case Action.AksScaleNodePool a -> operations.aksScaled(id, a, done);
                case Action.CosmosThroughput a -> operations.cosmosSet(id, a, done);
                case Action.PostgresPromote a -> operations.postgresPromoted(id);
                default -> new Verification.Failed("unsupported", action.type().yamlName() + " is not an Azure action");
            });
        } catch (CallNotPermittedException e) {
            return new Verification.Pending("the circuit breaker of Azure subscription " + id.subscription()
                    + " is open");
        } catch (AzureCallException e) {
            return e.transientFailure() ? new Verification.Pending("cannot read " + id.name() + " now: " + e.reason())
                    : new Verification.Failed(e.reason(), e.getMessage());
        }
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

    /**
     * Waits for {@code poller}'s operation: true when it succeeded, false when it still runs after the operation
     * timeout (accepted; verification reads the state).
     *
     * @throws AzureCallException {@code lro-failed} when it ended Failed or Canceled
     */
    private boolean await(SyncPoller<?, ?> poller, Duration timeout) {
        PollResponse<?> last;
        try {
            last = poller.waitForCompletion(timeout);
        } catch (RuntimeException e) {
            if (cause(e).equals("timeout")) {
                return false;
            }
            throw e;
        }
        LongRunningOperationStatus status = last.getStatus();
        if (status == LongRunningOperationStatus.FAILED || status == LongRunningOperationStatus.USER_CANCELLED) {
            throw new AzureCallException("lro-failed", "the operation ended " + status, null);
        }
        return status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED;
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

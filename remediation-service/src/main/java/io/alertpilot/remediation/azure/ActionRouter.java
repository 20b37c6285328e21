package io.alertpilot.remediation.azure;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends each action where it runs: the Azure actions to Azure (SKIPPED {@code azure-disabled} when Azure is off),
 * every other to {@code others} (Kubernetes and the webhook). A failover with {@code promote} switches the Service
 * selector first and, once that is done, promotes the standby (an Azure PostgreSQL replica, or a webhook POST); a
 * promote that fails or is not sent fails (or skips) the failover carrying the switch that was done
 * ({@code carriedOut}), so that its way back is remembered. A {@code promote.postgresReplica} while Azure is off is
 * SKIPPED {@code azure-disabled} before anything is switched. A failover's way back (a revert) promotes nothing.
 * Thread safe when its executors are.
 */
public final class ActionRouter implements ActionExecutor {

    /** The reason of an Azure action SKIPPED because Azure is not enabled. */
    public static final String AZURE_DISABLED = "azure-disabled";

    private final ActionExecutor azure;
    private final ActionExecutor others;

    /**
     * @param azure the Azure actions' executor; null when {@code alertpilot.remediation.azure.enabled} is false
     * @param others the executor of every other action
     */
    public ActionRouter(ActionExecutor azure, ActionExecutor others) {
        this.azure = azure;
        this.others = others;
    }

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        if (action.type().azure()) {
            return azure == null ? disabled(action.type().yamlName()) : azure.execute(target, action, context);
        }
        Action.Promote promote = action instanceof Action.Failover failover && context.revertSelector() == null
                ? failover.promote() : null;
        if (promote != null && promote.postgresReplica() != null && azure == null) {
            return disabled("the failover's promote.postgresReplica");
        }
        ActionResult result = others.execute(target, action, context);
        if (promote != null && result instanceof ActionResult.Done switched) {
            return promote(target, promote, switched, context);
        }
        return result;
    }

    /**
     * Azure actions answer {@code UNKNOWN} (nothing on an Azure resource carries the action id); a failover with a
     * promote too (the promote cannot be told); every other action as its executor tells.
     */
    @Override
    public Effect tookEffect(ResolvedTarget target, Action action, ExecutionContext context) {
        if (action.type().azure() || action instanceof Action.Failover failover && failover.promote() != null) {
            return Effect.UNKNOWN;
        }
        return others.tookEffect(target, action, context);
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        if (action.type().azure()) {
            return azure == null ? new Verification.Failed(AZURE_DISABLED, "Azure is not enabled")
                    : azure.verify(target, action, done);
        }
        Verification verification = others.verify(target, action, done);
        if (verification instanceof Verification.Verified switched && action instanceof Action.Failover failover
                && failover.promote() != null && failover.promote().postgresReplica() != null && azure != null) {
            Verification promoted = azure.verify(ResolvedTarget.azure(failover.promote().postgresReplica()),
                    new Action.PostgresPromote(), done);
            return promoted instanceof Verification.Verified ok
                    ? new Verification.Verified(switched.message() + "; " + ok.message()) : promoted;
        }
        return verification;
    }

    private ActionResult promote(ResolvedTarget service, Action.Promote promote, ActionResult.Done switched,
            ExecutionContext context) {
        ActionResult promoted;
        String what;
        if (promote.postgresReplica() != null) {
            what = "the PostgreSQL replica " + promote.postgresReplica().name();
            promoted = azure.execute(ResolvedTarget.azure(promote.postgresReplica()), new Action.PostgresPromote(),
                            context);
        } else {
            what = "the standby through the webhook " + promote.webhook().getHost();
            promoted = others.execute(service, new Action.Webhook(promote.webhook(), "POST"), context);
        }
        String prefix = switched.message() + "; promoting " + what + ": ";
        return switch (promoted) {
            case ActionResult.Done done -> {
                Map<String, String> details = new LinkedHashMap<>(switched.details());
                done.details().forEach((k, v) -> details.put("promote." + k, v));
                yield new ActionResult.Done(switched.message() + "; " + done.message(), details);
            }
            case ActionResult.Failed failed -> new ActionResult.Failed(failed.reason(), prefix + failed.message(),
                    switched);
            case ActionResult.Skipped skipped -> new ActionResult.Skipped(skipped.reason(),
                    prefix + skipped.message(), switched);
            case ActionResult.CircuitOpen open -> new ActionResult.Skipped("circuit-open", prefix
                    + "the circuit breaker of " + open.cluster() + " is open", switched);
        };
    }

    private static ActionResult.Skipped disabled(String what) {
        return new ActionResult.Skipped(AZURE_DISABLED, what + " needs Azure, which is not enabled "
                + "(alertpilot.remediation.azure.enabled=false): nothing was sent");
    }
}

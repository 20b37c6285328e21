package io.alertpilot.remediation.run;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code webhook} action: sends the alert as JSON to the playbook's literal URL (an automation runbook, a job
 * runner) with the header {@code X-AlertPilot-Remediation} = remediation id for idempotency on the receiving side.
 * 2xx is success. Kubernetes actions go to the delegate. Thread safe.
 */
public final class WebhookExecutor implements ActionExecutor {

    private final ActionExecutor kubernetes;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param kubernetes the executor of every other action; null when no cluster is configured
     */
    public WebhookExecutor(ActionExecutor kubernetes, Duration timeout) {
        this.kubernetes = kubernetes;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        if (action instanceof Action.Webhook webhook) {
            HttpRequest request = HttpRequest.newBuilder(webhook.url())
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-AlertPilot-Remediation", context.remediationId())
                    .method(webhook.method(), HttpRequest.BodyPublishers.ofString(context.alertJson()))
                    .build();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) {
                    return new ActionResult.Done("webhook " + webhook.url().getHost() + " answered "
                            + response.statusCode(), Map.of("status", Integer.toString(response.statusCode())));
                }
                return new ActionResult.Failed("http-" + response.statusCode(), "webhook " + webhook.url().getHost()
                        + " answered " + response.statusCode());
            } catch (HttpTimeoutException e) {
                return new ActionResult.Failed("timeout", "webhook " + webhook.url().getHost() + " did not answer within "
                        + timeout);
            } catch (IOException e) {
                return new ActionResult.Failed("io-error", "webhook " + webhook.url().getHost() + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ActionResult.Failed("interrupted", "interrupted");
            }
        }
        if (kubernetes == null) {
            return new ActionResult.Failed("no-cluster", "no Kubernetes cluster is configured "
                    + "(alertpilot.remediation.kubernetes.enabled=false)");
        }
        return kubernetes.execute(target, action, context);
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        if (action instanceof Action.Webhook) {
            return new Verification.Verified("the webhook answered " + done.details().get("status"));
        }
        if (kubernetes == null) {
            return new Verification.Failed("no-cluster", "no Kubernetes cluster is configured");
        }
        return kubernetes.verify(target, action, done);
    }
}

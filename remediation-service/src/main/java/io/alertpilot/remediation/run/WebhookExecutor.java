package io.alertpilot.remediation.run;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.playbook.WebhookParams;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code webhook} action: sends the playbook's rendered body (the alert as JSON when it has none) to its literal
 * URL (an automation runbook, a job runner) with its rendered headers, {@code Idempotency-Key} and
 * {@code X-AlertPilot-Remediation} = remediation id for idempotency on the receiving side, and
 * {@code Authorization: Bearer} with the content of the token file when one is given. The token is read at each call
 * (a rotated Secret is picked up) and never logged or reported; a token file that is missing, unreadable, empty or
 * holds more than printable ASCII fails the action before any call. 2xx is success. Kubernetes actions go to the
 * delegate. Thread safe.
 */
public final class WebhookExecutor implements ActionExecutor {

    /** The reason of a webhook whose token file cannot be read, or is empty. */
    public static final String TOKEN_MISSING = "token-missing";
    /** The reason of a webhook whose token file holds a character a header may not hold. */
    public static final String TOKEN_INVALID = "token-invalid";

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
            return call(webhook, context);
        }
        if (kubernetes == null) {
            return new ActionResult.Failed("no-cluster", "no Kubernetes cluster is configured "
                    + "(alertpilot.remediation.kubernetes.enabled=false)");
        }
        return kubernetes.execute(target, action, context);
    }

    private ActionResult call(Action.Webhook webhook, ExecutionContext context) {
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.url())
                .timeout(timeout)
                .header("Idempotency-Key", context.remediationId())
                .header("X-AlertPilot-Remediation", context.remediationId())
                .method(webhook.method(), HttpRequest.BodyPublishers.ofString(
                        webhook.body() == null ? context.alertJson() : webhook.body()));
        if (webhook.headers().keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        try {
            webhook.headers().forEach(request::header);
        } catch (IllegalArgumentException e) {
            return new ActionResult.Failed("invalid-header", "the HTTP client refused a header of the webhook: "
                    + e.getMessage());
        }
        if (webhook.tokenFile() != null) {
            Path file = Path.of(webhook.tokenFile());
            String token;
            try {
                token = Files.readString(file).strip();
            } catch (NoSuchFileException e) {
                return new ActionResult.Failed(TOKEN_MISSING, "the webhook's token file " + file + " does not exist "
                        + "(is its Secret mounted?)");
            } catch (IOException e) {
                return new ActionResult.Failed(TOKEN_MISSING, "the webhook's token file " + file
                        + " cannot be read as text");
            }
            if (token.isEmpty()) {
                return new ActionResult.Failed(TOKEN_MISSING, "the webhook's token file " + file + " is empty");
            }
            if (!WebhookParams.printable(token)) {
                return new ActionResult.Failed(TOKEN_INVALID, "the webhook's token file " + file
                        + " holds a line break or another character a header may not hold");
            }
            request.header("Authorization", "Bearer " + token);
        }
        String host = webhook.url().getHost();
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                return new ActionResult.Done("webhook " + host + " answered " + response.statusCode(),
                        Map.of("status", Integer.toString(response.statusCode())));
            }
            return new ActionResult.Failed("http-" + response.statusCode(), "webhook " + host + " answered "
                    + response.statusCode());
        } catch (HttpTimeoutException e) {
            return new ActionResult.Failed("timeout", "webhook " + host + " did not answer within " + timeout);
        } catch (IOException e) {
            return new ActionResult.Failed("io-error", "webhook " + host + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult.Failed("interrupted", "interrupted");
        }
    }

    /**
     * A webhook is sent again after a crash ({@code NOT_TAKEN}): its {@code Idempotency-Key} is the action id, so a
     * receiver that honours it does it once. Every other action is asked of the Kubernetes executor.
     */
    @Override
    public Effect tookEffect(ResolvedTarget target, Action action, ExecutionContext context) {
        if (action instanceof Action.Webhook) {
            return Effect.NOT_TAKEN;
        }
        return kubernetes == null ? Effect.UNKNOWN : kubernetes.tookEffect(target, action, context);
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

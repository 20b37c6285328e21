package io.alertpilot.notifier.slack;

import io.alertpilot.notifier.incident.IncidentLookupException;
import io.alertpilot.notifier.incident.IncidentStoreException;
import io.alertpilot.support.web.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Slack app's interactivity request URL ({@code POST /api/v1/webhooks/slack/interactions}, form-encoded
 * {@code payload=<block_actions JSON>}). Authenticated by Slack's signature ({@link SlackRequestVerifier}), not by the
 * API credentials: a missing or wrong signature, a timestamp more than 5 minutes off, or a request seen before is a
 * 401 problem. The press is then {@link SlackActions}'s: 200 when done (or refused by the incident as it is now: an
 * earlier occurrence, already in the wanted state, no longer waiting for the approval, which the updated message says),
 * 403 for an unmapped Slack user, an unknown user or a missing role, 400 for a payload or button value it does not
 * understand, 503 when Kafka could not take the change; in none of the refusals does anything change. The raw body is read as it came,
 * since the signature covers its exact bytes. Every request is counted in {@value #METRIC} by outcome.
 */
@RestController
public class SlackInteractionController {

    /** The path, declared self-authenticated. */
    public static final String PATH = "/api/v1/webhooks/slack/interactions";

    /** The counter of requests, tagged {@code outcome}: one of {@link #OUTCOMES}. */
    public static final String METRIC = "alertpilot.notifier.slack.interactions";
    /** Every outcome, registered up front. */
    public static final List<String> OUTCOMES = List.of("done", "unauthorized", "stale", "replayed", "forbidden",
            "invalid", "unavailable");

    private static final Logger log = LoggerFactory.getLogger(SlackInteractionController.class);
    private static final int MAX_BODY = 1 << 20;

    private final SlackRequestVerifier verifier;
    private final SlackActions actions;
    private final Map<String, Counter> counters;

    SlackInteractionController(SlackRequestVerifier notifierSlackRequestVerifier, SlackActions notifierSlackActions,
            MeterRegistry registry) {
        this.verifier = notifierSlackRequestVerifier;
        this.actions = notifierSlackActions;
        this.counters = OUTCOMES.stream().collect(Collectors.toMap(Function.identity(), outcome -> Counter
                .builder(METRIC).description("Slack button presses received, by outcome").tag("outcome", outcome)
                .register(registry)));
    }

    @PostMapping(PATH)
    ResponseEntity<?> receive(HttpServletRequest request,
            @RequestHeader(name = "X-Slack-Request-Timestamp", required = false) String timestamp,
            @RequestHeader(name = "X-Slack-Signature", required = false) String signature) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            count("invalid");
            return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", null,
                    "the body is larger than " + MAX_BODY + " bytes");
        }
        SlackRequestVerifier.Verdict verdict = verifier.verify(timestamp, signature, body);
        if (verdict != SlackRequestVerifier.Verdict.ACCEPTED) {
            log.warn("Refused a Slack interaction from {}: {}", request.getRemoteAddr(), verdict);
            count(switch (verdict) {
                case STALE -> "stale";
                case REPLAYED -> "replayed";
                default -> "unauthorized";
            });
            return refusal(verdict);
        }
        SlackInteraction press;
        try {
            press = SlackInteraction.fromForm(body);
        } catch (InvalidInteractionException e) {
            count("invalid");
            return problem(HttpStatus.BAD_REQUEST, "invalid-interaction", e.field(), e.getMessage());
        }
        SlackActions.Outcome outcome = actions.press(press);
        count(switch (outcome) {
            case SlackActions.Outcome.Done done -> "done";
            case SlackActions.Outcome.Refused refused -> refused.status() == 403 ? "forbidden" : "invalid";
        });
        return switch (outcome) {
            case SlackActions.Outcome.Done done -> ResponseEntity.ok(Map.of("status", "done", "text", done.text()));
            case SlackActions.Outcome.Refused refused -> problem(HttpStatus.valueOf(refused.status()),
                    refused.reason(), refused.field(), refused.detail());
        };
    }

    /** Kafka could not take the change in time: retryable, nothing changed. */
    @ExceptionHandler({IncidentLookupException.class, IncidentStoreException.class, CommandNotSentException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        count("unavailable");
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", null, e.getMessage());
    }

    private void count(String outcome) {
        counters.get(outcome).increment();
    }

    private static ResponseEntity<ProblemDetail> refusal(SlackRequestVerifier.Verdict verdict) {
        return switch (verdict) {
            case NOT_CONFIGURED -> problem(HttpStatus.UNAUTHORIZED, "unauthorized", "X-Slack-Signature",
                    "no Slack signing secret is configured (alertpilot.notifier.secrets.slack-app.signing-secret)");
            case MISSING -> problem(HttpStatus.UNAUTHORIZED, "unauthorized", "X-Slack-Signature",
                    "X-Slack-Signature (v0=...) and X-Slack-Request-Timestamp (Unix seconds) are required");
            case STALE -> problem(HttpStatus.UNAUTHORIZED, "stale-request", "X-Slack-Request-Timestamp",
                    "the X-Slack-Request-Timestamp is more than 5 minutes from this service's clock");
            case WRONG_SIGNATURE -> problem(HttpStatus.UNAUTHORIZED, "unauthorized", "X-Slack-Signature",
                    "the X-Slack-Signature does not match the body and timestamp");
            case REPLAYED, ACCEPTED -> problem(HttpStatus.UNAUTHORIZED, "replayed-request", "X-Slack-Signature",
                    "this signed request was received before");
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String reason, String field,
            String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, reason, field, detail));
    }
}

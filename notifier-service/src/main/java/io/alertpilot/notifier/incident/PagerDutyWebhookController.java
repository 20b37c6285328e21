package io.alertpilot.notifier.incident;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.notifier.NotifierSecrets;
import io.alertpilot.support.web.Problems;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's v3 webhook ({@code POST /api/v1/webhooks/pagerduty}): an {@code incident.acknowledged} or
 * {@code incident.resolved} done in PagerDuty acknowledges or resolves the incident here, which stops escalation
 * (two-way sync). Authenticated by its {@code X-PagerDuty-Signature} (HMAC-SHA256 with
 * {@code alertpilot.notifier.secrets.pagerduty.webhook-secret}), not by the API credentials. The incident is found by
 * the event's {@code incident_key}, which is the {@code dedup_key} we sent ({@code source:fingerprint}). Other event
 * types and unknown incidents are answered 202 and ignored, so PagerDuty does not retry them.
 */
@RestController
public class PagerDutyWebhookController {

    /** The path, declared self-authenticated. */
    public static final String PATH = "/api/v1/webhooks/pagerduty";

    private static final Logger log = LoggerFactory.getLogger(PagerDutyWebhookController.class);

    private final IncidentService service;
    private final PagerDutySignature signature;

    PagerDutyWebhookController(IncidentService service, NotifierSecrets secrets) {
        this.service = service;
        this.signature = new PagerDutySignature(secrets.getPagerduty().getWebhookSecret());
        if (!signature.configured()) {
            log.warn("No PagerDuty webhook secret (alertpilot.notifier.secrets.pagerduty.webhook-secret): {} refuses "
                    + "every call", PATH);
        }
    }

    @PostMapping(PATH)
    ResponseEntity<?> receive(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = "X-PagerDuty-Signature", required = false) String header) {
        byte[] raw = body == null ? new byte[0] : body;
        if (!signature.verify(raw, header)) {
            log.warn("Refused a PagerDuty webhook call: signature {}", header == null ? "missing" : "wrong");
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Problems.of(HttpStatus.UNAUTHORIZED,
                    "unauthorized", "X-PagerDuty-Signature", "the X-PagerDuty-Signature does not match the body"));
        }
        JsonNode event;
        try {
            event = Json.mapper().readTree(raw).path("event");
        } catch (JacksonException e) {
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", null,
                    "the body is not JSON"));
        }
        String type = event.path("event_type").asString("");
        String key = event.path("data").path("incident_key").asString("");
        String agent = event.path("agent").path("summary").asString("pagerduty");
        if (key.isBlank() || !(type.equals("incident.acknowledged") || type.equals("incident.resolved"))) {
            return ResponseEntity.accepted().body(Map.of("status", "ignored"));
        }
        // our dedup key is source:fingerprint; the incident id is the fingerprint
        String id = key.contains(":") ? key.substring(key.indexOf(':') + 1) : key;
        OperatorResult result = type.equals("incident.acknowledged")
                ? service.acknowledge(id, agent, "pagerduty") : service.resolve(id, agent, "pagerduty");
        log.info("PagerDuty {} for incident {} by {}: {}", type, id, agent, result.getClass().getSimpleName());
        return ResponseEntity.accepted().body(Map.of("status", result.getClass().getSimpleName().toLowerCase()));
    }
}

package io.alertpilot.ingest.web;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.Normalizer;
import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.ingest.publish.AlertPublisher;
import io.alertpilot.ingest.publish.RejectedPayloadPublisher;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.RejectedPayload;
import io.alertpilot.support.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The webhooks: Alertmanager, Azure Monitor and AlertPilot's own format. Each answers 202 only after Kafka
 * acknowledged every alert of the call; a refused body is kept on the rejected topic and answered with 400, 413 or
 * 415 and a problem+json body naming the problem; Kafka down gives 503 with {@code Retry-After}. A label or
 * annotation value longer than {@code alertpilot.formats.max-value-length} is cut, marked and counted, never refused
 * (Alertmanager does not retry a 4xx).
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    /** Request headers kept with a rejected body: none of them can carry a secret. */
    private static final Set<String> KEPT_HEADERS = Set.of("content-type", "content-length", "content-encoding",
            "user-agent", "x-forwarded-for", "x-forwarded-proto", "x-real-ip", "x-request-id", "x-correlation-id");

    private final JsonBodyReader bodyReader = new JsonBodyReader();
    private final AlertFormats formats;
    private final AlertPublisher alertPublisher;
    private final RejectedPayloadPublisher rejectedPublisher;
    private final IngestProperties properties;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final AcceptedLog acceptedLog;

    WebhookController(AlertFormats formats, AlertPublisher alertPublisher, RejectedPayloadPublisher rejectedPublisher,
            IngestProperties properties, IngestMetrics metrics, Clock clock, AcceptedLog acceptedLog) {
        this.formats = formats;
        this.metrics = metrics;
        this.alertPublisher = alertPublisher;
        this.rejectedPublisher = rejectedPublisher;
        this.properties = properties;
        this.clock = clock;
        this.acceptedLog = acceptedLog;
    }

    @PostMapping(WebhookPaths.ALERTMANAGER)
    ResponseEntity<Object> alertmanager(HttpServletRequest request) throws IOException {
        return ingest(formats.normalizer(AlertSource.ALERTMANAGER), request);
    }

    @PostMapping(WebhookPaths.AZURE_MONITOR)
    ResponseEntity<Object> azureMonitor(HttpServletRequest request) throws IOException {
        return ingest(formats.normalizer(AlertSource.AZURE_MONITOR), request);
    }

    @PostMapping(WebhookPaths.GENERIC)
    ResponseEntity<Object> generic(HttpServletRequest request) throws IOException {
        return ingest(formats.normalizer(AlertSource.GENERIC), request);
    }

    private ResponseEntity<Object> ingest(Normalizer normalizer, HttpServletRequest request) throws IOException {
        Instant receivedAt = clock.instant();
        String source = IngestMetrics.SOURCE_NAMES.get(normalizer.source());
        List<AlertEvent> alerts;
        try {
            alerts = normalize(normalizer, request, receivedAt);
        } catch (RefusedRequestException refused) {
            RejectedPayload kept = rejected(refused, source, request, receivedAt);
            rejectedPublisher.publish(kept);
            log.warn("Refused a {} webhook request: {} {} ({}); kept as {}", source, refused.status().value(),
                    refused.reason(), refused.getMessage(), kept.eventId());
            ProblemDetail problem = Problems.of(refused.status(), refused.reason(), refused.field(), refused.getMessage());
            problem.setProperty("rejectedId", kept.eventId());
            return ResponseEntity.status(refused.status())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        alertPublisher.publish(normalizer.source(), alerts);
        acceptedLog.accepted(normalizer.source(), alerts);
        return ResponseEntity.accepted().contentType(MediaType.APPLICATION_JSON).body(AcceptedBody.of(alerts));
    }

    private List<AlertEvent> normalize(Normalizer normalizer, HttpServletRequest request, Instant receivedAt)
            throws IOException {
        checkMediaType(request);
        int limit = (int) properties.maxBodySize().toBytes();
        int keep = (int) properties.rejectedBodyLimit().toBytes();
        RequestBody body = RequestBody.read(request.getInputStream(), request.getContentLengthLong(), limit, keep);
        if (body.exceeded()) {
            throw new RefusedRequestException(HttpStatus.CONTENT_TOO_LARGE, "too-large", null,
                    "The body is larger than the limit of " + limit + " bytes (alertpilot.ingest.max-body-size)", body);
        }
        if (body.isEmpty()) {
            throw new RefusedRequestException(HttpStatus.BAD_REQUEST, "invalid-json", null, "The body is empty", body);
        }
        return bodyReader.normalize(normalizer, body, receivedAt, metrics);
    }

    private void checkMediaType(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        String problem = null;
        if (contentType == null || contentType.isBlank()) {
            problem = "The Content-Type header is missing: send application/json";
        } else {
            try {
                MediaType type = MediaType.parseMediaType(contentType);
                if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) && !"json".equals(subtypeSuffix(type))) {
                    problem = "The Content-Type is " + type + ": send application/json";
                }
            } catch (InvalidMediaTypeException e) {
                problem = "The Content-Type is not a valid media type: send application/json";
            }
        }
        if (problem != null) {
            int keep = (int) properties.rejectedBodyLimit().toBytes();
            RequestBody body = RequestBody.read(request.getInputStream(), request.getContentLengthLong(), keep, keep);
            throw new RefusedRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", null,
                    problem, body);
        }
    }

    private static String subtypeSuffix(MediaType type) {
        return type.getSubtypeSuffix() == null ? null : type.getSubtypeSuffix().toLowerCase(Locale.ROOT);
    }

    private RejectedPayload rejected(RefusedRequestException refused, String source, HttpServletRequest request,
            Instant receivedAt) {
        RequestBody body = refused.body() == null ? RequestBody.EMPTY : refused.body();
        int keep = (int) Math.min(properties.rejectedBodyLimit().toBytes(), body.bytes().length);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            if (KEPT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
            }
        }
        return new RejectedPayload(
                1,
                UUID.randomUUID().toString(),
                source,
                refused.reason(),
                refused.field(),
                refused.getMessage(),
                refused.status().value(),
                request.getContentType(),
                new String(body.bytes(), 0, keep, StandardCharsets.UTF_8),
                body.size(),
                keep < body.size(),
                headers,
                receivedAt);
    }
}

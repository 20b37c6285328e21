package io.alertpilot.ingest.web;

import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.ingest.publish.PublishFailedException;
import io.alertpilot.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Kafka not acknowledging in time becomes 503 with {@code Retry-After}, so that Alertmanager and Azure retry
 * (they retry 5xx, and Azure 503 in particular, never 4xx).
 */
@RestControllerAdvice(assignableTypes = WebhookController.class)
class IngestExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(IngestExceptionHandler.class);

    private final IngestProperties properties;

    IngestExceptionHandler(IngestProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(PublishFailedException.class)
    ResponseEntity<ProblemDetail> kafkaUnavailable(PublishFailedException e) {
        log.error("Answered 503: {}", e.getMessage());
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", null,
                "The alerts could not be stored on Kafka; nothing was accepted. Retry later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, properties.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}

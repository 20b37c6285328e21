package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.Problems;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The incident API (authenticated by service-support's API filter): list and read incidents, acknowledge (stops
 * escalation) and resolve. Lists show the incidents this replica owns; one incident is read on any replica. Who acknowledged or resolved is the
 * authenticated user (the request's principal; {@code api} when authentication is off), never a field of the body:
 * a body, {@code {"by": ...}} included, is ignored.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

    private final IncidentService service;

    IncidentController(IncidentService service) {
        this.service = service;
    }

    /** {@code GET /api/v1/incidents?state=ESCALATED}: the incidents, newest first. */
    @GetMapping
    ResponseEntity<?> list(@RequestParam(name = "state", required = false) String state) {
        IncidentState filter = null;
        if (state != null && !state.isBlank()) {
            try {
                filter = IncidentState.valueOf(state.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", "state",
                        "state must be one of " + List.of(IncidentState.values())));
            }
        }
        return ResponseEntity.ok(service.list(filter));
    }

    /** {@code GET /api/v1/incidents/{id}}: the same answer from every replica, whichever owns the incident. */
    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable("id") String id) {
        return service.find(id).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound(id));
    }

    /** {@code POST /api/v1/incidents/{id}/acknowledge}: no further step pages. */
    @PostMapping("/{id}/acknowledge")
    ResponseEntity<?> acknowledge(@PathVariable("id") String id, Principal caller) {
        return answer(service.acknowledge(id, ApiUser.nameOf(caller), "api"));
    }

    /** {@code POST /api/v1/incidents/{id}/resolve}. */
    @PostMapping("/{id}/resolve")
    ResponseEntity<?> resolve(@PathVariable("id") String id, Principal caller) {
        return answer(service.resolve(id, ApiUser.nameOf(caller), "api"));
    }

    private static ResponseEntity<?> answer(OperatorResult result) {
        return switch (result) {
            case OperatorResult.Applied applied -> ResponseEntity.ok(applied.incident());
            case OperatorResult.Forwarded forwarded -> ResponseEntity.accepted()
                    .body(Map.of("id", forwarded.incidentId(), "status", "forwarded to the replica that owns it"));
            case OperatorResult.Refused refused when refused.reason().equals("unknown") -> notFound(refused.incidentId());
            case OperatorResult.Refused refused -> ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(
                    HttpStatus.CONFLICT, "incident-" + refused.reason(), null,
                    "incident " + refused.incidentId() + " is " + refused.reason()));
        };
    }

    /** The incident topic could not be read or written in time: retryable, nothing was changed or forwarded. */
    @ExceptionHandler({IncidentLookupException.class, IncidentStoreException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "incident-store-unavailable", null, e.getMessage()));
    }

    private static ResponseEntity<?> notFound(String id) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "unknown-incident",
                "id", "no incident " + id));
    }

}

package io.alertpilot.notifier.incident;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.readmodel.IncidentQuery;
import io.alertpilot.readmodel.IncidentView;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.InvalidParameterException;
import io.alertpilot.support.web.Problems;
import io.alertpilot.support.web.QueryParameters;
import java.security.Principal;
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
 * escalation) and resolve. Lists and reads answer from the read model, which follows the incident topic, so every
 * replica answers the same (eventually: a change made on another replica shows once the topic is read); a change
 * made here shows here at once. Incidents answer as {@link IncidentView} (step 1-based), lists as
 * {@link ListAnswer}. Who acknowledged or resolved is the authenticated user (the request's principal; {@code api}
 * when authentication is off), never a field of the body: a body, {@code {"by": ...}} included, is ignored.
 */
@RestController
@RequestMapping("/api/v1/incidents")
class IncidentController {

    private final IncidentService service;
    private final ReadModel readModel;

    IncidentController(IncidentService service, ReadModel readModel) {
        this.service = service;
        this.readModel = readModel;
    }

    /**
     * {@code GET /api/v1/incidents?state=&severity=&namespace=&cluster=&q=&limit=100}: the incidents, newest first;
     * a bad parameter answers 400 {@code invalid-field} naming it.
     */
    @GetMapping
    ListAnswer<IncidentView> list(@RequestParam(required = false) String state,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String namespace,
            @RequestParam(required = false) String cluster, @RequestParam(required = false) String q,
            @RequestParam(required = false) String limit) {
        return readModel.incidents(new IncidentQuery(
                QueryParameters.enumValue("state", state, IncidentState.class),
                QueryParameters.enumValue("severity", severity, Severity.class), QueryParameters.text(namespace),
                QueryParameters.text(cluster), QueryParameters.text(q), QueryParameters.limit(limit)));
    }

    /**
     * {@code GET /api/v1/incidents/{id}}: the same answer from every replica: from the read model, else (not read
     * there yet) from the incident topic.
     */
    @GetMapping("/{id}")
    ResponseEntity<?> get(@PathVariable("id") String id) {
        return readModel.incident(id).or(() -> service.find(id).map(IncidentView::of))
                .<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(id));
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
            case OperatorResult.Applied applied -> ResponseEntity.ok(IncidentView.of(applied.incident()));
            case OperatorResult.Forwarded forwarded -> ResponseEntity.accepted()
                    .body(Map.of("id", forwarded.incidentId(), "status", "forwarded to the replica that owns it"));
            case OperatorResult.Refused refused when refused.reason().equals("unknown") -> notFound(refused.incidentId());
            case OperatorResult.Refused refused -> ResponseEntity.status(HttpStatus.CONFLICT).body(Problems.of(
                    HttpStatus.CONFLICT, "incident-" + refused.reason(), null,
                    "incident " + refused.incidentId() + " is " + refused.reason()));
        };
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidParameterException e) {
        return ResponseEntity.badRequest().body(e.problem());
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

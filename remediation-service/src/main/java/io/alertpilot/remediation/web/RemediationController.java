package io.alertpilot.remediation.web;

import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.remediation.run.Approvals;
import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.QueryParameters;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every replica's remediations, from the read model that follows the remediations topic (pending approvals first),
 * and approve or reject one that waits for approval. Every replica answers alike: the read model is complete on each
 * (eventually: another replica's events show once the topic is read; this replica's at once), and pending approvals
 * live in the shared ledger. Remediations answer as {@link RemediationView}, lists as {@link ListAnswer}.
 */
@RestController
@RequestMapping("/api/v1/remediations")
class RemediationController {

    private final ReadModel readModel;
    private final Approvals approvals;

    RemediationController(ReadModel readModel, Approvals remediationApprovals) {
        this.readModel = readModel;
        this.approvals = remediationApprovals;
    }

    /**
     * {@code GET /api/v1/remediations?phase=&playbook=&fingerprint=&namespace=&action=&target=&limit=100}: those
     * waiting for approval first, then newest first; a bad parameter answers 400 {@code invalid-field} naming it.
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    ListAnswer<RemediationView> list(@RequestParam(required = false) String phase,
            @RequestParam(required = false) String playbook, @RequestParam(required = false) String fingerprint,
            @RequestParam(required = false) String namespace, @RequestParam(required = false) String action,
            @RequestParam(required = false) String target, @RequestParam(required = false) String limit) {
        return readModel.remediations(new RemediationQuery(
                QueryParameters.enumValue("phase", phase, RemediationPhase.class), QueryParameters.text(playbook),
                QueryParameters.text(fingerprint), QueryParameters.text(namespace), QueryParameters.text(action),
                QueryParameters.text(target), QueryParameters.limit(limit)));
    }

    /**
     * The remediation {@code id}: from the read model, else (a pending approval whose events are not read yet) from
     * the shared ledger; 404 {@code unknown-remediation} when neither knows it.
     */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RemediationView get(@PathVariable String id) {
        return readModel.remediation(id).or(() -> approvals.waiting(id).map(RemediationController::view))
                .orElseThrow(() -> new UnknownRemediationException(id));
    }

    /** Approves as the authenticated user (the request's principal); a body, {@code by} included, is ignored. */
    @PostMapping(path = "/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
    RemediationView approve(@PathVariable String id, Principal caller) {
        return decided(approvals.approve(id, ApiUser.nameOf(caller)), id);
    }

    /** Rejects as the authenticated user (the request's principal); a body, {@code by} included, is ignored. */
    @PostMapping(path = "/{id}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    RemediationView reject(@PathVariable String id, Principal caller) {
        return decided(approvals.reject(id, ApiUser.nameOf(caller)), id);
    }

    private RemediationView decided(Optional<String> result, String id) {
        if (result.isEmpty()) {
            throw new NotPendingException(id);
        }
        return get(id);
    }

    /** A remediation waiting for approval as the ledger holds it: no events yet (they are not read here yet). */
    private static RemediationView view(Approvals.Waiting waiting) {
        return new RemediationView(waiting.remediationId(), waiting.playbook(), waiting.action(),
                waiting.target().key(), waiting.alert().fingerprint(), waiting.alert().name(),
                RemediationPhase.PENDING_APPROVAL, "approval", "waits for approval until " + waiting.deadline(), false,
                List.of(), waiting.parameters(), waiting.deadline(), waiting.target(), null, waiting.requestedAt(),
                waiting.requestedAt());
    }

    /** A remediation id that neither the read model nor the shared ledger knows. */
    static final class UnknownRemediationException extends RuntimeException {
        UnknownRemediationException(String id) {
            super("no remediation " + id + " (the read model keeps those of the retention; the ledger those waiting)");
        }
    }

    /** Approve or reject of a remediation that does not wait for approval (unknown, decided, expired). */
    static final class NotPendingException extends RuntimeException {
        NotPendingException(String id) {
            super("remediation " + id + " does not wait for approval (unknown, already decided, or timed out)");
        }
    }
}

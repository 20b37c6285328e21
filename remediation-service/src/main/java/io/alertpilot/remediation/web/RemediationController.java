package io.alertpilot.remediation.web;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.run.RecentRemediations;
import io.alertpilot.remediation.run.Approvals;
import io.alertpilot.support.web.ApiUser;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Recent remediations (every replica's, read from the remediations topic), and approve or reject one that waits for
 * approval. Every replica answers alike: pending approvals live in the shared ledger.
 */
@RestController
@RequestMapping("/api/v1/remediations")
class RemediationController {

    /** The answer to approve and reject when the remediation's events are not held here. */
    record Decision(String by) {
    }

    /**
     * One remediation: its latest state and every event of it (none when the view comes from the shared ledger: a
     * remediation waiting for approval whose events this replica has not read yet).
     *
     * @param parameters the action's parameters after substitution
     * @param deadline while it waits for approval, when the request times out; otherwise null
     */
    record RemediationView(String remediationId, String playbook, String action, String targetKey, String fingerprint,
            String alertName, RemediationPhase phase, String reason, String message, boolean dryRun,
            List<RemediationEvent> events, Map<String, String> parameters, Instant deadline) {
    }

    record RemediationList(List<RemediationView> remediations) {
    }

    private final RecentRemediations recent;
    private final Approvals approvals;

    RemediationController(RecentRemediations remediationRecent, Approvals remediationApprovals) {
        this.recent = remediationRecent;
        this.approvals = remediationApprovals;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    RemediationList list(@RequestParam Optional<String> phase, @RequestParam Optional<String> playbook,
            @RequestParam Optional<String> fingerprint, @RequestParam Optional<String> namespace,
            @RequestParam Optional<String> action, @RequestParam Optional<String> target,
            @RequestParam(defaultValue = "100") int limit) {
        Predicate<RecentRemediations.Entry> filter = e -> true;
        if (phase.isPresent()) {
            RemediationPhase wanted;
            try {
                wanted = RemediationPhase.valueOf(phase.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new BadRequestException("phase", "phase must be one of " + List.of(RemediationPhase.values()));
            }
            filter = filter.and(RecentRemediations.inPhase(wanted));
        }
        filter = filter.and(matches(playbook, e -> e.latest().playbook()));
        filter = filter.and(matches(fingerprint, e -> e.latest().fingerprint()));
        filter = filter.and(matches(namespace, e -> e.latest().target().namespace()));
        filter = filter.and(matches(action, e -> e.latest().action()));
        filter = filter.and(matches(target, e -> e.latest().key()));
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("limit", "limit must be between 1 and 1000");
        }
        return new RemediationList(recent.find(filter, limit).stream().map(RemediationController::view).toList());
    }

    /**
     * The remediation {@code id}: from the recent ones, else (a pending approval whose events are not read yet) from
     * the shared ledger; 404 {@code unknown-remediation} when neither knows it.
     */
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    RemediationView get(@PathVariable String id) {
        RecentRemediations.Entry entry = recent.get(id);
        if (entry != null) {
            return view(entry);
        }
        return approvals.waiting(id).map(RemediationController::view)
                .orElseThrow(() -> new UnknownRemediationException(id));
    }

    /** Approves as the authenticated user (the request's principal); a body, {@code by} included, is ignored. */
    @PostMapping(path = "/{id}/approve", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> approve(@PathVariable String id, Principal caller) {
        return decided(approvals.approve(id, ApiUser.nameOf(caller)), id);
    }

    /** Rejects as the authenticated user (the request's principal); a body, {@code by} included, is ignored. */
    @PostMapping(path = "/{id}/reject", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> reject(@PathVariable String id, Principal caller) {
        return decided(approvals.reject(id, ApiUser.nameOf(caller)), id);
    }

    private ResponseEntity<?> decided(Optional<String> result, String id) {
        if (result.isEmpty()) {
            throw new NotPendingException(id);
        }
        return ResponseEntity.status(HttpStatus.OK).body(get(id));
    }

    private static Predicate<RecentRemediations.Entry> matches(Optional<String> wanted,
            java.util.function.Function<RecentRemediations.Entry, String> value) {
        return wanted.<Predicate<RecentRemediations.Entry>>map(w -> e -> w.equals(value.apply(e))).orElse(e -> true);
    }

    private static RemediationView view(RecentRemediations.Entry entry) {
        RemediationEvent latest = entry.latest();
        return new RemediationView(entry.remediationId(), latest.playbook(), latest.action(), latest.key(),
                latest.fingerprint(), latest.alertName(), latest.phase(), latest.reason(), latest.message(),
                latest.dryRun(), entry.events(), latest.parameters(), latest.deadline());
    }

    private static RemediationView view(Approvals.Waiting waiting) {
        return new RemediationView(waiting.remediationId(), waiting.playbook(), waiting.action(),
                waiting.target().key(), waiting.alert().fingerprint(), waiting.alert().name(),
                RemediationPhase.PENDING_APPROVAL, "approval", "waits for approval until " + waiting.deadline(), false,
                List.of(), waiting.parameters(), waiting.deadline());
    }

    /** A request parameter that cannot be used. */
    static final class BadRequestException extends RuntimeException {
        final String field;

        BadRequestException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    /** A remediation id that neither this replica nor the shared ledger knows. */
    static final class UnknownRemediationException extends RuntimeException {
        UnknownRemediationException(String id) {
            super("no remediation " + id + " (only recent ones are kept; the ledger keeps those waiting)");
        }
    }

    /** Approve or reject of a remediation that does not wait for approval (unknown, decided, expired). */
    static final class NotPendingException extends RuntimeException {
        NotPendingException(String id) {
            super("remediation " + id + " does not wait for approval (unknown, already decided, or timed out)");
        }
    }
}

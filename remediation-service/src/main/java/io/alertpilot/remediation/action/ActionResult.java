package io.alertpilot.remediation.action;

import io.alertpilot.model.remediation.Diagnosis;
import java.util.Map;

/** The outcome of one call that carries out an action: a value, not an exception. */
public sealed interface ActionResult {

    /**
     * The API accepted the change.
     *
     * @param details what changed, e.g. {@code replicas: 3 -> 5}, kept on the SUCCEEDED event and for a revert
     * @param diagnosis what a {@code diagnose} gathered, attached to the SUCCEEDED event; null for other actions
     */
    record Done(String message, Map<String, String> details, Diagnosis diagnosis) implements ActionResult {

        /**
         * The detail an action carried out in passes (drain) names its deadline with, an ISO-8601 instant: its
         * verification lasts at least until then, whatever the playbook's verify timeout.
         */
        public static final String DEADLINE = "deadline";

        public Done {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** A change without a diagnosis. */
        public Done(String message, Map<String, String> details) {
            this(message, details, null);
        }
    }

    /**
     * The call failed for good (after the retries the cause allows).
     *
     * @param reason a stable code: {@code http-403}, {@code http-404}, {@code timeout}, {@code no-previous-revision}, ...
     * @param carriedOut the part of the action that was done before it failed (a failover's selector switch whose
     *     promote failed), remembered for its way back; null when nothing changed
     */
    record Failed(String reason, String message, Done carriedOut) implements ActionResult {

        /** A failure that changed nothing. */
        public Failed(String reason, String message) {
            this(reason, message, null);
        }
    }

    /**
     * The action was not sent, for a reason that is not a failure of the call (Azure turned off, the subscription's
     * breaker open): reported SKIPPED with {@code reason}, to a human.
     *
     * @param carriedOut the part of the action that was done before the rest was not sent (a failover's selector
     *     switch whose promote was not sent), remembered for its way back; null when nothing changed
     */
    record Skipped(String reason, String message, Done carriedOut) implements ActionResult {

        /** A skip that changed nothing. */
        public Skipped(String reason, String message) {
            this(reason, message, null);
        }
    }

    /** The cluster's circuit breaker is open: nothing was sent. */
    record CircuitOpen(String cluster) implements ActionResult {
    }
}

package io.alertpilot.cli.rehearse;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.List;

/**
 * What a rehearsal saw: every remediation event in the order the run published it, and every notification the
 * notifier would have sent. Immutable.
 *
 * @param decisions every {@link RemediationEvent}, in order, each with its virtual time
 * @param pages every notification, in order
 * @param breaches every service level an incident missed, in order
 */
public record RehearsalResult(List<Step> decisions, List<Page> pages, List<Breach> breaches) {

    public RehearsalResult {
        decisions = List.copyOf(decisions);
        pages = List.copyOf(pages);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
    }

    /** A result without breaches. */
    public RehearsalResult(List<Step> decisions, List<Page> pages) {
        this(decisions, pages, List.of());
    }

    /** The decisions only (see {@link Step#decisive()}), without the steps that follow from them. */
    public List<Step> decisive() {
        return decisions.stream().filter(Step::decisive).toList();
    }

    /** One remediation event at its virtual time. */
    public record Step(Instant at, RemediationEvent event) {

        /**
         * True for the events that say what was decided: STARTED (acted), PLANNED in dry run (would act), SKIPPED
         * (a guard or a human held it back, or an escalation), PENDING_APPROVAL and FAILED. False for the live
         * PLANNED that announces a STARTED or an approval request, and for SUCCEEDED and VERIFIED.
         */
        public boolean decisive() {
            RemediationPhase phase = event.phase();
            return switch (phase) {
                case STARTED, SKIPPED, PENDING_APPROVAL, FAILED -> true;
                case PLANNED -> event.dryRun();
                default -> false;
            };
        }
    }

    /**
     * One notification the notifier would send, taken as delivered.
     *
     * @param to {@code channel:recipient} as the policy names it, e.g. {@code pagerduty:primary}
     * @param kind {@code trigger}, {@code acknowledge}, {@code resolve}, {@code info}, {@code update} (a status
     *     update) or {@code breach} (a breach notice)
     * @param step the escalation step, -1 for messages outside the steps
     * @param level the on-call level the step pages, or null
     * @param alerts how many alerts the incident lists (a group's), 1 for an incident of one alert
     */
    public record Page(Instant at, String to, String kind, String incidentId, String fingerprint, String alertName,
            int step, String level, int alerts) {

        /** A page without level, of one alert. */
        public Page(Instant at, String to, String kind, String incidentId, String fingerprint, String alertName,
                int step) {
            this(at, to, kind, incidentId, fingerprint, alertName, step, null, 1);
        }
    }

    /**
     * A service level an incident missed.
     *
     * @param kind {@code ack} or {@code resolve}
     * @param detail what it meant, e.g. {@code not acknowledged within 5m: paging the secondary now}
     */
    public record Breach(Instant at, String kind, String incidentId, String detail) {
    }
}

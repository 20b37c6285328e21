package io.alertpilot.reliability.faults;

import java.util.List;
import java.util.Map;

/**
 * The counts of the {@link FaultSuite}'s storm ({@link StormRun}), read from Kafka's topics and the fakes.
 *
 * @param alerts firing alert occurrences sent (each alert once, and the groups sent again), all at once
 * @param resolvedSent resolved occurrences sent after the storm was decided
 * @param requests webhook requests (Alertmanager groups) sent; {@code refused}: not answered 2xx
 * @param acked occurrences acknowledged (2xx); {@code lost}: acknowledged but not on the alert topic
 * @param decided firing occurrences with exactly one decision (a terminal remediation event); {@code undecided}: none;
 *     {@code decidedTwice}: more than one; {@code resolvedActed}: resolved occurrences that started an action
 * @param actionsStarted actions started (STARTED) for the storm's occurrences; {@code rateLimit} the bound of the
 *     storm's rate-limit period, {@code startsInPeriod} the most actions started (every alert's) within one period
 *     ending at an action of the storm
 * @param targetsRestarted the storm's Deployments the Kubernetes API restarted; {@code targetsRestartedTwice}: more than
 *     once within their cooldown
 * @param decisions the storm's decisions by terminal phase and reason ({@code VERIFIED}, {@code SKIPPED cooldown},
 *     ...)
 * @param pagesExpected alerts (fingerprints) with a decision that needs a human; {@code pagesSent} of them paged,
 *     {@code pagesMissing} not; {@code pagesDuplicated}: alerts paged twice or triggered again on an open incident;
 *     {@code pagesExtra}: alerts paged though acted on (paged before their decision, or still firing after the grace)
 * @param rateLimitedUnpaged alerts refused by the rate limit whose page did not come
 * @param sendSeconds from the first request to the last answer; {@code decideSeconds} to the last decision;
 *     {@code pageSeconds} from the last answer to the last expected page
 * @param problems anything else found wrong (empty when none)
 */
public record StormResult(int alerts, int targets, int resolvedSent, int requests, int refused, long acked,
        long lost, int decided, int undecided, int decidedTwice, int resolvedActed, int actionsStarted, int rateLimit,
        int startsInPeriod, int targetsRestarted, int targetsRestartedTwice, Map<String, Integer> decisions,
        int pagesExpected, int pagesSent, int pagesMissing, int pagesDuplicated, int pagesExtra,
        int rateLimitedUnpaged, double sendSeconds, double decideSeconds, double pageSeconds, List<String> problems) {

    /** Nothing lost or refused, every occurrence decided once, no guard broken, every expected page sent once. */
    public boolean passed() {
        return refused == 0 && lost == 0 && undecided == 0 && decidedTwice == 0 && resolvedActed == 0
                && startsInPeriod <= rateLimit && targetsRestartedTwice == 0 && pagesMissing == 0
                && pagesDuplicated == 0 && rateLimitedUnpaged == 0 && problems.isEmpty();
    }

    /** The figures, as the suite prints them. */
    String figures() {
        return String.format("storm: %d alerts over %d Deployments in %d webhook requests of Alertmanager groups (%d "
                + "refused), then %d resolved; acked %d, lost %d%n"
                + "  decisions: %d once, %d missing, %d twice; resolved that acted: %d; %s%n"
                + "  actions: %d started (rate limit %d per period, %d started in it), %d Deployments restarted, %d "
                + "twice%n"
                + "  pages: %d expected, %d sent, %d missing, %d duplicated, %d extra; rate-limited unpaged %d%n"
                + "  drain: sent in %.1f s, decided %.1f s after the first request (%.0f decisions/s), paged %.1f s "
                + "after the last answer%s",
                alerts, targets, requests, refused, resolvedSent, acked, lost, decided, undecided, decidedTwice,
                resolvedActed, decisions, actionsStarted, rateLimit, startsInPeriod, targetsRestarted,
                targetsRestartedTwice, pagesExpected, pagesSent, pagesMissing, pagesDuplicated, pagesExtra,
                rateLimitedUnpaged, sendSeconds, decideSeconds, decideSeconds > 0 ? alerts / decideSeconds : 0,
                pageSeconds, passed() ? "" : "%n  FAILED ".formatted() + problems);
    }
}

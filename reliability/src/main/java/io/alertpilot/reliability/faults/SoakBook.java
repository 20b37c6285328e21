package io.alertpilot.reliability.faults;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The soak's accounts: which alerts were acknowledged, seen on Kafka, acted on and paged, and which Deployment each
 * restart alert was sent for. Deployments come from a fixed pool and are reused: one is handed out again only
 * {@code rest} after remediation finished with its last alert (a final event: verified, failed or skipped), which must
 * exceed the playbook's cooldown, or 5 minutes after ingest refused it (it may have gone through all the same). So
 * every restart applied to a Deployment belongs to the last alert sent for it (a late second restart of an earlier
 * alert shows as a duplicate of the next one: it is not hidden). A page does not free a Deployment: remediation may
 * still act after the notifier paged. Thread safe (every method holds the book's lock). Holds one small record per
 * alert sent: an hour at 10 alerts/s is 36 000 of them.
 */
final class SoakBook {

    /** Counts at one moment; see {@link SoakBook#counts(long, boolean)}. */
    record Counts(long acked, long lost, long actionsExpected, long actionsDone, long actionsDuplicated,
            long pagesExpected, long pagesSent, long pagesMissing, long pagesDuplicated, long pagesExtra,
            long outstanding) {

        boolean passed() {
            return lost == 0 && actionsDuplicated == 0 && pagesMissing == 0 && pagesDuplicated == 0;
        }
    }

    private static final class Alert {
        final String deployment;
        List<String> eventIds = List.of();
        long ackedAt = -1;
        boolean refused;
        final Set<String> restartTimes = new HashSet<>(2);
        int pages;
        boolean released;

        Alert(String deployment) {
            this.deployment = deployment;
        }

        boolean settled() {
            return !restartTimes.isEmpty() || pages > 0;
        }
    }

    private record Free(String deployment, long fromMillis) {
    }

    private final long restMillis;
    private final long overdueMillis;
    private final long lostAfterMillis;
    private static final long REFUSED_REST_MILLIS = Duration.ofMinutes(5).toMillis();

    private final PriorityQueue<Free> free = new PriorityQueue<>(Comparator.comparingLong(Free::fromMillis));
    private final Map<String, String> lastAlertOf = new HashMap<>();
    private final Map<String, Alert> alerts = new HashMap<>();
    private final Set<String> onKafka = new HashSet<>();
    private long stray;
    private long poolEmpty;

    /**
     * @param deployments the pool, all free at first
     * @param rest how long a Deployment rests after its alert settled before it is handed out again
     * @param overdue an alert acknowledged longer ago than this and neither restarted nor paged counts as missing
     * @param lostAfter an acknowledged alert not read back from Kafka within this counts as lost
     */
    SoakBook(List<String> deployments, Duration rest, Duration overdue, Duration lostAfter) {
        deployments.forEach(d -> free.add(new Free(d, 0)));
        this.restMillis = rest.toMillis();
        this.overdueMillis = overdue.toMillis();
        this.lostAfterMillis = lostAfter.toMillis();
    }

    /** A Deployment for a restart alert about to be sent, now its last alert; null when none has rested enough. */
    synchronized String takeDeployment(String fingerprint, long nowMillis) {
        Free head = free.peek();
        if (head == null || head.fromMillis() > nowMillis) {
            poolEmpty++;
            return null;
        }
        free.poll();
        lastAlertOf.put(head.deployment(), fingerprint);
        return head.deployment();
    }

    /** An alert is about to be sent ({@code deployment} null for a page alert). */
    synchronized void sending(String fingerprint, String deployment) {
        alerts.put(fingerprint, new Alert(deployment));
    }

    /** Ingest acknowledged the alert with these event ids. */
    synchronized void acked(String fingerprint, List<String> eventIds, long nowMillis) {
        Alert alert = alerts.get(fingerprint);
        alert.eventIds = List.copyOf(eventIds);
        alert.ackedAt = nowMillis;
    }

    /**
     * Ingest did not acknowledge the alert: the sender keeps it, it is not counted; its Deployment rests 5 minutes (it
     * may have gone through all the same).
     */
    synchronized void refused(String fingerprint, long nowMillis) {
        Alert alert = alerts.get(fingerprint);
        alert.refused = true;
        release(alert, nowMillis + REFUSED_REST_MILLIS - restMillis);
    }

    /** Remediation is done with the alert (a final event): its Deployment rests, then is handed out again. */
    synchronized void finished(String fingerprint, long nowMillis) {
        release(alerts.get(fingerprint), nowMillis);
    }

    synchronized void onKafka(String eventId) {
        onKafka.add(eventId);
    }

    /** Restarts the API server applied: restart time to when applied, per Deployment. */
    synchronized void restarts(Map<String, Map<String, Long>> applied) {
        applied.forEach((deployment, times) -> {
            Alert alert = alerts.get(lastAlertOf.get(deployment));
            if (alert == null || alert.refused) {
                stray += times.size();
            }
            if (alert != null) {
                alert.restartTimes.addAll(times.keySet());
            }
        });
    }

    /** Accepted triggers per alert fingerprint. */
    synchronized void pages(Map<String, Integer> accepted) {
        accepted.forEach((fingerprint, count) -> {
            Alert alert = alerts.get(fingerprint);
            if (alert == null || alert.refused) {
                stray += count;
            }
            if (alert != null) {
                alert.pages += count;
            }
        });
    }

    /** Restarts and pages of alerts that were not acknowledged (the sender kept them), or not the soak's. */
    synchronized long stray() {
        return stray;
    }

    /** How often no Deployment had rested enough for a restart alert, so that a page alert was sent instead. */
    synchronized long poolEmpty() {
        return poolEmpty;
    }

    private void release(Alert alert, long nowMillis) {
        if (alert != null && alert.deployment != null && !alert.released) {
            alert.released = true;
            free.add(new Free(alert.deployment, nowMillis + restMillis));
        }
    }

    /**
     * The counts over the acknowledged alerts. Lost: not read back from Kafka within {@code lostAfter}; missing: a page
     * alert not paged, or a restart alert neither restarted nor paged, {@code overdue} after it was acknowledged. At
     * the {@code end} every alert counts whatever its age.
     */
    synchronized Counts counts(long nowMillis, boolean end) {
        long acked = 0, lost = 0, expected = 0, done = 0, duplicated = 0, pagesExpected = 0, pagesSent = 0,
                missing = 0, pagesDuplicated = 0, extra = 0, outstanding = 0;
        for (Alert alert : alerts.values()) {
            if (alert.ackedAt < 0 || alert.refused) {
                continue;
            }
            acked++;
            long age = end ? Long.MAX_VALUE : nowMillis - alert.ackedAt;
            if (age > lostAfterMillis && !onKafka.containsAll(alert.eventIds)) {
                lost++;
            }
            boolean restarted = !alert.restartTimes.isEmpty();
            if (alert.deployment != null) {
                expected++;
                done += restarted ? 1 : 0;
                duplicated += alert.restartTimes.size() > 1 ? 1 : 0;
            }
            if (alert.deployment == null || !restarted) {
                pagesExpected++;
                pagesSent += alert.pages > 0 ? 1 : 0;
                missing += alert.pages == 0 && age > overdueMillis ? 1 : 0;
            } else {
                extra += alert.pages > 0 ? 1 : 0;
            }
            pagesDuplicated += alert.pages > 1 ? 1 : 0;
            outstanding += alert.settled() ? 0 : 1;
        }
        return new Counts(acked, lost, expected, done, duplicated, pagesExpected, pagesSent, missing, pagesDuplicated,
                extra, outstanding);
    }
}

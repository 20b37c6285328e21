package io.alertpilot.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The verdict on one storm from what its topics hold: every alert decided exactly once, the guards kept, every page
 * the policies call for sent once, and the times from the first alert to the last decision and from the last alert to
 * the last page. Pure: the events are handed in, nothing is read here.
 *
 * <p>A decision is a remediation event in phase PLANNED, PENDING_APPROVAL or SKIPPED (dry run ends there): more than
 * one for the same alert occurrence ({@code alertEventId}) is a duplicate. An alert on Kafka with none is lost. A
 * page is a DELIVERED notification of an escalation (not {@code info}, {@code update} or {@code resolve}); the same
 * incident, step, round, channel and recipient delivered twice is a duplicate page.
 *
 * <p>The rate limit is judged on its own count: the permit times remediation wrote to the ledger (see
 * {@link #permits}), not the PLANNED events' {@code occurredAt}, which is stamped when the event is emitted, after the
 * permit, and under load can lag it by seconds (the event-time figure is kept, as a figure without a goal).
 */
final class StormCheck {

    /** The decision phases: the first event an alert occurrence gets in dry run. */
    static final Set<String> DECISIONS = Set.of("PLANNED", "PENDING_APPROVAL", "SKIPPED");
    private static final Set<String> NOT_PAGES = Set.of("info", "update", "resolve");

    private StormCheck() {
    }

    /** An alert of the storm as it landed on the alert topic (the broker's append time). */
    record Alert(String fingerprint, String eventId, Instant at) {
    }

    /** A remediation event, of the storm's alerts or not (the guards count every one). */
    record Decision(String fingerprint, String alertEventId, String remediationId, String phase, String reason,
            String target, Instant at) {
    }

    /**
     * A record of the rate limit's count in the ledger (remediation's {@code LedgerEntry} under the count's key), in
     * log order: the version it was written at and the permit times it holds, those within the period at that write;
     * {@link #TOMBSTONE} for a deleted count.
     */
    record CountWrite(long version, List<Instant> attempts) {

        static final CountWrite TOMBSTONE = new CountWrite(0, null);
    }

    /** A notification event. */
    record Page(String incidentId, String action, int step, int repeat, String channel, String recipient,
            String outcome, Instant at) {

        boolean delivered() {
            return "DELIVERED".equals(outcome) && !NOT_PAGES.contains(action);
        }

        String key() {
            return incidentId + "|" + step + "|" + repeat + "|" + channel + "|" + recipient + "|" + action;
        }
    }

    /** The guards in force: the playbook's cooldown and the service's rate limit. */
    record Guards(Duration cooldown, int rateLimit, Duration ratePeriod) {
    }

    /**
     * The verdict.
     *
     * @param firstAlertToLastDecision from the first alert on Kafka to the last decision of a storm alert
     * @param lastAlertToLastPage from the last alert on Kafka to the last page of a storm incident
     * @param decisionsPerSecond decisions of storm alerts over the time from the first alert to the last decision
     * @param outcomes PLANNED and SKIPPED by reason ({@code SKIPPED cooldown}), over the storm's decisions
     * @param plannedTwice targets planned twice within their cooldown (every decision counted)
     * @param mostPlannedInPeriod the most PLANNED within any one rate period by their {@code occurredAt} (every
     *     decision counted): event time, which lags the permit
     * @param mostPermitsInPeriod the most permits within any one rate period, by the permit times in the ledger
     * @param permits the permits the ledger took (every one since the broker started)
     * @param plans the plans PLANNED: distinct {@code remediationId}s with a PLANNED event (every decision counted)
     */
    record Report(int alerts, int decided, int duplicates, int lost, Duration firstAlertToLastDecision,
            double decisionsPerSecond, Map<String, Integer> outcomes, int plannedTwice, int mostPlannedInPeriod,
            int mostPermitsInPeriod, int permits, int plans, int expectedPages, int pagesSent, int duplicatePages,
            int missingPages, Duration lastAlertToLastPage) {

        /** The plans PLANNED beyond the permits taken: each plan takes a permit first, so 0. */
        int plansBeyondPermits() {
            return Math.max(0, plans - permits);
        }
    }

    /**
     * Checks a storm.
     *
     * @param alerts the storm's alerts (other alerts on the topic are left out by the caller)
     * @param decisions every remediation event seen
     * @param pages every notification event seen
     * @param expectedIncidents the incidents the policies call a page for (ids as the notifier names them)
     * @param countWrites every record of the rate limit's count in the ledger, in log order
     */
    static Report check(Collection<Alert> alerts, List<Decision> decisions, List<Page> pages,
            Set<String> expectedIncidents, Guards guards, List<CountWrite> countWrites) {
        Map<String, Alert> byFingerprint = new HashMap<>();
        Instant firstAlert = null;
        Instant lastAlert = null;
        for (Alert alert : alerts) {
            byFingerprint.put(alert.fingerprint(), alert);
            firstAlert = firstAlert == null || alert.at().isBefore(firstAlert) ? alert.at() : firstAlert;
            lastAlert = lastAlert == null || alert.at().isAfter(lastAlert) ? alert.at() : lastAlert;
        }
        Map<String, Integer> perOccurrence = new HashMap<>();
        Set<String> decidedFingerprints = new HashSet<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        Instant lastDecision = null;
        for (Decision decision : decisions) {
            if (!DECISIONS.contains(decision.phase()) || !byFingerprint.containsKey(decision.fingerprint())) {
                continue;
            }
            perOccurrence.merge(decision.alertEventId(), 1, Integer::sum);
            decidedFingerprints.add(decision.fingerprint());
            outcomes.merge(decision.reason() == null ? decision.phase() : decision.phase() + " " + decision.reason(),
                    1, Integer::sum);
            lastDecision = lastDecision == null || decision.at().isAfter(lastDecision) ? decision.at() : lastDecision;
        }
        int duplicates = perOccurrence.values().stream().mapToInt(count -> count - 1).sum();
        Duration toDecided = firstAlert == null || lastDecision == null ? null
                : Duration.between(firstAlert, lastDecision);
        double rate = toDecided == null || toDecided.isZero() ? Double.NaN
                : decidedFingerprints.size() / (toDecided.toNanos() / 1e9);

        Map<String, Integer> pageCounts = new HashMap<>();
        Set<String> paged = new HashSet<>();
        Instant lastPage = null;
        for (Page page : pages) {
            if (page.delivered() && expectedIncidents.contains(page.incidentId())) {
                pageCounts.merge(page.key(), 1, Integer::sum);
                paged.add(page.incidentId());
                lastPage = lastPage == null || page.at().isAfter(lastPage) ? page.at() : lastPage;
            }
        }
        int duplicatePages = pageCounts.values().stream().mapToInt(count -> count - 1).sum();
        List<Instant> permits = permits(countWrites);
        List<Decision> planned = decisions.stream().filter(d -> "PLANNED".equals(d.phase())).toList();
        return new Report(byFingerprint.size(), decidedFingerprints.size(), duplicates,
                byFingerprint.size() - decidedFingerprints.size(), toDecided, rate, outcomes,
                plannedTwice(decisions, guards.cooldown()),
                mostWithin(new ArrayList<>(planned.stream().map(Decision::at).toList()), guards.ratePeriod()),
                mostWithin(new ArrayList<>(permits), guards.ratePeriod()), permits.size(),
                (int) planned.stream().map(Decision::remediationId).distinct().count(), expectedIncidents.size(),
                paged.size(), duplicatePages, expectedIncidents.size() - paged.size(),
                lastAlert == null || lastPage == null ? null : Duration.between(lastAlert, lastPage));
    }

    /** Targets with two PLANNED closer together than the cooldown. */
    static int plannedTwice(List<Decision> decisions, Duration cooldown) {
        Map<String, List<Instant>> byTarget = new HashMap<>();
        for (Decision decision : decisions) {
            if ("PLANNED".equals(decision.phase())) {
                byTarget.computeIfAbsent(decision.target(), target -> new ArrayList<>()).add(decision.at());
            }
        }
        int twice = 0;
        for (List<Instant> times : byTarget.values()) {
            times.sort(null);
            for (int i = 1; i < times.size(); i++) {
                if (Duration.between(times.get(i - 1), times.get(i)).compareTo(cooldown) < 0) {
                    twice++;
                    break;
                }
            }
        }
        return twice;
    }

    /**
     * The permit times the ledger took, oldest first: the union of the attempts of the count's records the ledger
     * accepted. The rule is remediation's {@code KafkaLedger}'s, applied in log order: a record is accepted when no
     * entry is stored, when its version is 0 (written before versions), or when its version is greater than the
     * stored entry's; a tombstone is accepted and leaves no entry. A refused record holds a permit that was not taken
     * (its writer counted again on the fresh entry). Each accepted record holds every permit within the period at its
     * write, so the union has every permit; the same time in two records is one permit.
     */
    static List<Instant> permits(List<CountWrite> writes) {
        TreeSet<Instant> permits = new TreeSet<>();
        Long stored = null;
        for (CountWrite write : writes) {
            if (write.attempts() == null) {
                stored = null;
            } else if (stored == null || write.version() == 0 || write.version() > stored) {
                stored = write.version();
                permits.addAll(write.attempts());
            }
        }
        return List.copyOf(permits);
    }

    /**
     * The most of {@code times} within any window of {@code period}, as the limit counts: a time {@code t} and the
     * ones after {@code t - period}. Sorts {@code times}.
     */
    static int mostWithin(List<Instant> times, Duration period) {
        times.sort(null);
        int most = 0;
        int first = 0;
        for (int last = 0; last < times.size(); last++) {
            while (!times.get(first).plus(period).isAfter(times.get(last))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}

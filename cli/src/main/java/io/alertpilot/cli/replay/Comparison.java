package io.alertpilot.cli.replay;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a replay decided compared with what did happen, per alert occurrence (alert event id) of the range: the
 * recorded {@link Outcome}s (from {@code alertpilot.remediations.v1}) against the replayed ones. An occurrence with no
 * decision on either side agrees.
 *
 * @param recordedEvents the recorded remediation events of the range's alert occurrences
 * @param differences the first {@code limit} occurrences that differ, in time order
 * @param differencesLeftOut how many more differ than are listed
 */
public record Comparison(int recordedEvents, int agree, int differ, List<Difference> differences,
        int differencesLeftOut) {

    public Comparison {
        differences = List.copyOf(differences);
    }

    /**
     * One alert occurrence whose outcomes differ.
     *
     * @param recorded what did happen, empty when nothing was decided
     * @param replayed what the replay decided, empty when nothing
     */
    public record Difference(Instant at, String alertEventId, String alertName, String fingerprint,
            List<Outcome> recorded, List<Outcome> replayed) {

        public Difference {
            recorded = List.copyOf(recorded);
            replayed = List.copyOf(replayed);
        }
    }

    /**
     * Compares, for every occurrence in {@code alerts}, the {@code recorded} outcomes with the {@code replayed} ones;
     * recorded events of other occurrences are not counted. Lists at most {@code limit} differences.
     */
    public static Comparison of(List<Recorded<AlertEvent>> alerts, List<RemediationEvent> recorded,
            List<RemediationEvent> replayed, int limit) {
        Map<String, List<Outcome>> did = Outcome.byAlert(recorded);
        Map<String, List<Outcome>> would = Outcome.byAlert(replayed);
        int agree = 0;
        int differ = 0;
        List<Difference> listed = new ArrayList<>();
        for (Recorded<AlertEvent> occurrence : alerts) {
            AlertEvent alert = occurrence.value();
            List<Outcome> before = did.getOrDefault(alert.eventId(), List.of());
            List<Outcome> now = would.getOrDefault(alert.eventId(), List.of());
            if (agree(before, now)) {
                agree++;
                continue;
            }
            differ++;
            if (listed.size() < limit) {
                listed.add(new Difference(occurrence.at(), alert.eventId(), alert.name(), alert.fingerprint(), before,
                        now));
            }
        }
        Set<String> occurrences = alerts.stream().map(alert -> alert.value().eventId()).collect(Collectors.toSet());
        long counted = recorded.stream().filter(event -> occurrences.contains(event.alertEventId())).count();
        return new Comparison((int) counted, agree, differ, listed, differ - listed.size());
    }

    private static boolean agree(List<Outcome> recorded, List<Outcome> replayed) {
        if (recorded.size() != replayed.size()) {
            return false;
        }
        for (int i = 0; i < recorded.size(); i++) {
            if (!recorded.get(i).agreesWith(replayed.get(i))) {
                return false;
            }
        }
        return true;
    }
}

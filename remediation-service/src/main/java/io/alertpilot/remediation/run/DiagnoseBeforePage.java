package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.diagnose.DiagnoseSettings;
import io.alertpilot.remediation.diagnose.Diagnoser;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code diagnose: true}: before an event that makes the notifier page (FAILED, SKIPPED, PENDING_APPROVAL; an
 * escalation is SKIPPED {@code escalate}) of a playbook that asks for it, on a workload or Pod, the target is
 * diagnosed and the diagnosis travels on that event. A cancelled approval (SKIPPED {@code resolved}) pages nobody and
 * gets none. One diagnosis serves the events of one target for {@link #REUSE} (the SKIPPED events of a playbook's
 * remaining actions, a second page soon after), so a page waits for at most one diagnosis, itself bounded by
 * {@link DiagnoseSettings#timeout()}. Thread safe.
 */
public final class DiagnoseBeforePage implements PageDiagnosis {

    /** How long one diagnosis of a target is attached to further events of that target. */
    static final Duration REUSE = Duration.ofMinutes(1);

    private static final Set<RemediationPhase> PAGES = Set.of(RemediationPhase.FAILED, RemediationPhase.SKIPPED,
            RemediationPhase.PENDING_APPROVAL);
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Pod");

    private final PlaybookLibrary library;
    private final Diagnoser diagnoser;
    private final Clock clock;
    private final Map<String, Diagnosis> recent = new ConcurrentHashMap<>();

    public DiagnoseBeforePage(PlaybookLibrary library, Diagnoser diagnoser, Clock clock) {
        this.library = library;
        this.diagnoser = diagnoser;
        this.clock = clock;
    }

    @Override
    public Diagnosis before(String playbook, ResolvedTarget target, RemediationPhase phase, String reason) {
        if (!PAGES.contains(phase) || "resolved".equals(reason) || target == null || target.name() == null
                || target.namespace() == null || !KINDS.contains(target.kind())
                || !library.current().named(playbook).map(Playbook::diagnose).orElse(false)) {
            return null;
        }
        Instant now = clock.instant();
        recent.values().removeIf(d -> d.gatheredAt().plus(REUSE).isBefore(now));
        String key = target.cluster() + "/" + target.namespace() + "/" + target.kind() + "/" + target.name();
        Diagnosis known = recent.get(key);
        if (known != null) {
            return known;
        }
        // gathered outside the map's lock: a slow cluster must not hold back the pages of other targets
        Diagnosis gathered = diagnoser.diagnose(target, DiagnoseSettings.PAGE_LOG_LINES);
        recent.put(key, gathered);
        return gathered;
    }
}

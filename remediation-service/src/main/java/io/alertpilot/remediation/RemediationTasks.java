package io.alertpilot.remediation;

import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.run.Approvals;
import io.alertpilot.remediation.run.IntentRecovery;
import io.alertpilot.remediation.run.Ladders;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The periodic work: reading the playbooks again, skipping approvals whose time ran out, judging ladder steps whose
 * {@code holdFor} ended, and resuming actions interrupted between their intent and their done (on the approvals' check
 * interval).
 */
@Component
class RemediationTasks implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemediationTasks.class);

    private final PlaybookLibrary library;
    private final Approvals approvals;
    private final Ladders ladders;
    private final IntentRecovery intents;
    private final ScheduledExecutorService scheduler;
    private final RemediationProperties properties;
    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
    private volatile boolean running;

    RemediationTasks(PlaybookLibrary remediationPlaybookLibrary, Approvals remediationApprovals,
            Ladders remediationLadders, IntentRecovery remediationIntents,
            ScheduledExecutorService remediationScheduler, RemediationProperties properties) {
        this.intents = remediationIntents;
        this.ladders = remediationLadders;
        this.library = remediationPlaybookLibrary;
        this.approvals = remediationApprovals;
        this.scheduler = remediationScheduler;
        this.properties = properties;
    }

    @Override
    public void start() {
        log.info("remediation {}: {} playbooks from {}", properties.dryRun() ? "in DRY RUN (PLANNED events only)" : "live",
                library.current().playbooks().size(), library.current().files());
        long reload = properties.playbooks().reloadInterval().toMillis();
        tasks.add(scheduler.scheduleWithFixedDelay(this::reload, reload, reload, TimeUnit.MILLISECONDS));
        long approvals = properties.approval().checkInterval().toMillis();
        tasks.add(scheduler.scheduleWithFixedDelay(this::expire, approvals, approvals, TimeUnit.MILLISECONDS));
        running = true;
    }

    void reload() {
        try {
            switch (library.reload()) {
                case PlaybookLibrary.Reload.Loaded loaded -> log.info("playbooks reloaded: {} playbooks from {}",
                        loaded.set().playbooks().size(), loaded.set().files());
                case PlaybookLibrary.Reload.Refused refused -> log.error("playbooks NOT reloaded, the last good set "
                        + "stays in force: {}", refused.message());
                case PlaybookLibrary.Reload.Unchanged unchanged -> {
                }
            }
        } catch (RuntimeException e) {
            log.error("playbook reload failed", e);
        }
    }

    private void expire() {
        try {
            approvals.expire();
        } catch (RuntimeException e) {
            log.warn("could not check approvals for time-outs: {}", e.getMessage());
        }
        try {
            ladders.judge();
        } catch (RuntimeException e) {
            log.warn("could not judge ladder steps: {}", e.getMessage());
        }
        try {
            intents.resume();
        } catch (RuntimeException e) {
            log.warn("could not resume interrupted actions: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        tasks.forEach(t -> t.cancel(false));
        tasks.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

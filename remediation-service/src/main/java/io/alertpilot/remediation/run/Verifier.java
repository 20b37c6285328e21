package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Verifies actions in the background: looks at each target until its action took effect (VERIFIED), failed, or the
 * verify timeout passed (FAILED {@code verify-timeout}), one action after the other, and releases the target lock at
 * the end. The last action of a ladder step with {@code holdFor} is not VERIFIED by its rollout: the step then holds
 * for the alert to clear ({@link Hold}). Events carry the step of the thread that asked for the verification. Thread
 * safe.
 */
final class Verifier {

    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    /**
     * One action to verify.
     *
     * @param started when the action started, for the duration metric
     * @param deadline when it must be verified by (the verify timeout), or the later deadline the action's
     *     {@code done} names ({@link ActionResult.Done#DEADLINE})
     */
    record Check(String id, AlertEvent alert, String playbook, ResolvedTarget target, Action action,
            ActionResult.Done done, Instant started, Instant deadline) {

        /** An action that names its own deadline (a drain's evictionTimeout) is looked at at least until then. */
        Check {
            String until = done.details().get(ActionResult.Done.DEADLINE);
            if (until != null && Instant.parse(until).isAfter(deadline)) {
                deadline = Instant.parse(until);
            }
        }
    }

    private final ActionExecutor executor;
    private final RemediationReporter reporter;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final Clock clock;

    Verifier(ActionExecutor executor, RemediationReporter reporter, ScheduledExecutorService scheduler,
            Duration interval, Clock clock) {
        this.executor = executor;
        this.reporter = reporter;
        this.scheduler = scheduler;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * What comes when the last action of a ladder step with {@code holdFor} is verified: instead of VERIFIED (which
     * waits for the alert to clear), the step holds.
     */
    interface Hold {
        /**
         * True (a step with holdFor) when the last action's VERIFIED waits for the alert to clear; false (a step
         * without holdFor) when the rollout's VERIFIED is sent as for any action, and then the step holds.
         */
        default boolean waitsForTheAlert() {
            return true;
        }

        /** The rollout of {@code last} completed and every earlier action of the step was verified. */
        void rolloutVerified(Check last);

        /** An action of the step failed verification (reported FAILED): the ladder ends. */
        void failed();
    }

    /** Verifies {@code checks} in order in the background, then closes {@code lock}. */
    void verifyAll(List<Check> checks, TargetLock lock) {
        verifyAll(checks, lock, null);
    }

    /**
     * Verifies {@code checks} in order in the background, then closes {@code lock}; with {@code hold} (a ladder step
     * with holdFor), the last check's success goes to {@code hold} instead of a VERIFIED event.
     */
    void verifyAll(List<Check> checks, TargetLock lock, Hold hold) {
        chain(List.copyOf(checks), 0, lock, hold, true, reporter.currentStep());
    }

    private void chain(List<Check> checks, int index, TargetLock lock, Hold hold, boolean allVerified,
            Integer step) {
        if (index >= checks.size()) {
            if (hold != null && !allVerified) {
                hold.failed();
            }
            lock.close();
            return;
        }
        Hold holdLast = hold != null && allVerified && index == checks.size() - 1 ? hold : null;
        Task task = new Task(checks.get(index), holdLast, step);
        task.onDone = verified -> chain(checks, index + 1, lock, hold, allVerified && verified, step);
        scheduler.execute(task);
    }

    /**
     * Looks at a target until the action took effect, failed, or the deadline passed; then tells {@code onDone}
     * whether it was verified.
     */
    private final class Task implements Runnable {

        private final Check check;
        private final Hold hold;
        private final Map<String, String> mdc = MDC.getCopyOfContextMap();
        private final Integer step;
        private Consumer<Boolean> onDone;
        private boolean verified;

        Task(Check check, Hold hold, Integer step) {
            this.check = check;
            this.hold = hold;
            this.step = step;
        }

        @Override
        public void run() {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            boolean[] finished = {true};
            try {
                reporter.inStep(step, () -> finished[0] = lookOnce());
            } catch (RuntimeException e) {
                log.error("could not publish the verification of remediation {}", check.id(), e);
            } finally {
                MDC.clear();
                if (finished[0]) {
                    onDone.accept(verified);
                }
            }
        }

        private boolean lookOnce() {
            Verification v;
            try {
                v = executor.verify(check.target(), check.action(), check.done());
            } catch (RuntimeException e) {
                v = new Verification.Pending(String.valueOf(e.getMessage()));
            }
            Instant now = clock.instant();
            Duration took = Duration.between(check.started(), now);
            switch (v) {
                case Verification.Verified ok -> {
                    verified = true;
                    if (hold != null && hold.waitsForTheAlert()) {
                        log.info("remediation {}: rollout verified ({}); the step holds for the alert to clear",
                                check.id(), ok.message());
                    } else {
                        report(RemediationPhase.VERIFIED, null, ok.message());
                    }
                    if (hold != null) {
                        hold.rolloutVerified(check);
                    }
                    reporter.duration(check.action(), true, took);
                }
                case Verification.Failed failed -> {
                    report(RemediationPhase.FAILED, failed.reason(), failed.message());
                    reporter.duration(check.action(), false, took);
                }
                case Verification.Pending pending -> {
                    if (now.isBefore(check.deadline())) {
                        scheduler.schedule(this, interval.toMillis(), TimeUnit.MILLISECONDS);
                        return false;
                    }
                    report(RemediationPhase.FAILED, "verify-timeout", "not verified within "
                            + Duration.between(check.started(), check.deadline()) + ": " + pending.message());
                    reporter.duration(check.action(), false, took);
                }
            }
            return true;
        }

        private void report(RemediationPhase phase, String reason, String message) {
            reporter.emit(check.id(), check.alert(), check.playbook(), check.action(), check.target(), phase, reason,
                    message, false);
        }
    }
}

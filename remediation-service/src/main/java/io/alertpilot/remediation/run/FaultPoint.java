package io.alertpilot.remediation.run;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A place in an action's run where the fault suite stops the service on purpose, to kill it there: right after the
 * intent was written ({@link #AFTER_INTENT}) or right after the call answered, before the done was written
 * ({@link #AFTER_CALL}). Off unless configured. The Nth action of this process that reaches the configured point
 * writes exactly one line, {@code ALERTPILOT FAULT POINT <at> reached (action <actionId>)}, to standard output
 * (flushed, not through the log encoder), then parks its thread for ever; other actions pass. Thread safe.
 */
public final class FaultPoint {

    public static final String AFTER_INTENT = "after-intent";
    public static final String AFTER_CALL = "after-call";
    /** The point that is never reached. */
    public static final FaultPoint OFF = new FaultPoint("", 1, null);

    private final String at;
    private final int action;
    private final PrintStream out;
    private final AtomicInteger reached = new AtomicInteger();

    private FaultPoint(String at, int action, PrintStream out) {
        this.at = at;
        this.action = action;
        this.out = out;
    }

    /**
     * The point {@code at} for the {@code action}th action reaching it, writing its line to {@code out}.
     *
     * @throws IllegalArgumentException when {@code at} is neither empty, {@code after-intent} nor {@code after-call},
     *     or {@code action} is below 1
     */
    public static FaultPoint of(String at, int action, PrintStream out) {
        if (at == null || at.isBlank()) {
            return OFF;
        }
        if (!at.equals(AFTER_INTENT) && !at.equals(AFTER_CALL)) {
            throw new IllegalArgumentException("alertpilot.remediation.fault-point.at='" + at + "' is neither "
                    + AFTER_INTENT + " nor " + AFTER_CALL + " (empty: off)");
        }
        if (action < 1) {
            throw new IllegalArgumentException("alertpilot.remediation.fault-point.action=" + action
                    + " must be 1 or more");
        }
        return new FaultPoint(at, action, out);
    }

    /** Passes, or (the configured point, the configured action) writes its line and parks this thread for ever. */
    void pass(String point, String actionId) {
        if (!reached(point, actionId)) {
            return;
        }
        while (true) {
            LockSupport.park(this);
            Thread.interrupted(); // an interrupt does not end the park: the suite kills the process
        }
    }

    /** True (and the line written) when {@code point} is the configured one and this is the configured action. */
    boolean reached(String point, String actionId) {
        if (out == null || !at.equals(point) || reached.incrementAndGet() != action) {
            return false;
        }
        out.println("ALERTPILOT FAULT POINT " + at + " reached (action " + actionId + ")");
        out.flush();
        return true;
    }
}

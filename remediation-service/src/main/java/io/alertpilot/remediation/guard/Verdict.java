package io.alertpilot.remediation.guard;

/**
 * One guard's answer.
 *
 * @param guard the guard's name, used as the SKIPPED reason ({@code cooldown}, {@code max-attempts}, ...)
 */
public record Verdict(String guard, Outcome outcome, String message) {

    /** What a guard says about an action. */
    public enum Outcome {
        /** The action may run as far as this guard is concerned. */
        PASS,
        /** The guard stops the action. */
        BLOCK,
        /** The guard could not be checked here (no cluster to ask); a live run checks it before acting. */
        UNKNOWN
    }

    public static Verdict pass(String guard, String message) {
        return new Verdict(guard, Outcome.PASS, message);
    }

    public static Verdict block(String guard, String message) {
        return new Verdict(guard, Outcome.BLOCK, message);
    }

    public static Verdict unknown(String guard, String message) {
        return new Verdict(guard, Outcome.UNKNOWN, message);
    }

    public boolean blocks() {
        return outcome == Outcome.BLOCK;
    }
}

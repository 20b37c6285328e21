package io.alertpilot.cli;

/** The exit codes of every {@code alertpilot} command. */
public final class ExitCodes {

    /** Everything checked or tested is good. */
    public static final int OK = 0;
    /** A check or a test failed: the output says which and why. */
    public static final int FAILED = 1;
    /** Bad usage or input that cannot be read (a missing file, a test file that is not valid). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}

package io.alertpilot.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line in a test, with what it printed on each stream. */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code alertpilot args...} and keeps its exit code and output. */
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = AlertPilotCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}

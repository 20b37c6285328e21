package io.alertpilot.cli;

import io.alertpilot.cli.check.CheckCommand;
import io.alertpilot.cli.replay.ReplayCommand;
import io.alertpilot.cli.tail.TailCommand;
import io.alertpilot.cli.test.TestCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code alertpilot} command: rehearse playbooks and escalation policies before they act, with the services'
 * own decision code. Exit codes: {@value ExitCodes#OK} all good, {@value ExitCodes#FAILED} a check or test failed,
 * {@value ExitCodes#USAGE} bad usage or unreadable input.
 */
@Command(name = "alertpilot", mixinStandardHelpOptions = true, versionProvider = AlertPilotCli.Version.class,
        description = "Rehearse AlertPilot playbooks and escalation policies: check files, run playbook tests on a "
                + "virtual clock, replay recorded alerts, follow the topics.",
        subcommands = {CommandLine.HelpCommand.class, CheckCommand.class, TestCommand.class, ReplayCommand.class,
            TailCommand.class})
public final class AlertPilotCli {

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new AlertPilotCli());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UnreadableInputException) {
                cmd.getErr().println(cmd.getColorScheme().errorText("alertpilot: " + e.getMessage()));
                return ExitCodes.USAGE;
            }
            throw e;
        });
        return commandLine.execute(args);
    }

    /** The version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AlertPilotCli.class.getPackage().getImplementationVersion();
            return new String[] {"alertpilot " + (version == null ? "development" : version)};
        }
    }
}

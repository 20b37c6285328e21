package io.alertpilot.cli.check;

import picocli.CommandLine.Command;

/**
 * {@code alertpilot check playbooks|policies PATH...}: reads configuration files as the services would and reports
 * every problem, like {@code amtool check-config}.
 */
@Command(name = "check", description = "Check playbook or escalation policy files as the services would read them.",
        mixinStandardHelpOptions = true, subcommands = {CheckPlaybooks.class, CheckPolicies.class})
public final class CheckCommand {
}

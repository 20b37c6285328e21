package io.alertpilot.cli.check;

import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.config.ConfigProblem;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alertpilot check playbooks PATH...}: reads the files (a directory gives the files the remediation service
 * would read from it) as one set with the service's {@link PlaybookLoader}, so a name used twice across files is a
 * problem too; warns about playbooks that an earlier one always takes first.
 */
@Command(name = "playbooks", mixinStandardHelpOptions = true,
        description = "Check playbook files: every problem as file:line: playbook: field: message. "
                + "Exit 0 when all are valid, 1 when a problem was found, 2 when a PATH cannot be read.")
final class CheckPlaybooks implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Playbook files or directories (every *.yml and *.yaml in it), read as one set.")
    List<String> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<PlaybookLoader.Source> sources = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        for (String path : paths) {
            List<PlaybookLoader.Source> found = read(path);
            if (found.isEmpty()) {
                warnings.add(CheckResult.emptyDirectory(path));
            }
            sources.addAll(found);
        }
        CheckResult result;
        try {
            PlaybookSet set = new PlaybookLoader().load(sources, Instant.EPOCH);
            warnings.addAll(Shadowing.ofPlaybooks(set.playbooks()));
            result = new CheckResult("playbook", set.playbooks().size(), sources.size(), List.of(), warnings);
        } catch (InvalidPlaybookException e) {
            result = new CheckResult("playbook", 0, sources.size(), e.problems(), warnings);
        }
        return result.printTo(spec.commandLine().getOut());
    }

    private static List<PlaybookLoader.Source> read(String path) {
        try {
            return PlaybookLibrary.sources(List.of(path));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        }
    }
}

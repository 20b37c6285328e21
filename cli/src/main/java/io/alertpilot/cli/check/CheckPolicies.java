package io.alertpilot.cli.check;

import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.config.ConfigProblem;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alertpilot check policies PATH...}: reads every file (a directory gives the files the notifier would read
 * from it) with the notifier's {@link PolicyLoader}, reporting the problems of every file, then the names used twice
 * across them; warns about policies that an earlier one always routes first. The notifier's shipped defaults are not
 * added: they are checked by naming their file.
 */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Check escalation policy files: every problem as file:line: policy: field: message. "
                + "Exit 0 when all are valid, 1 when a problem was found, 2 when a PATH cannot be read.")
final class CheckPolicies implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Policy files or directories (every *.yml and *.yaml in it), read as one set in order.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PolicyLoader loader = new PolicyLoader(Set.copyOf(ChannelNames.ALL));
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> warnings = new ArrayList<>();
        List<Policy> policies = new ArrayList<>();
        int files = 0;
        for (Path path : paths) {
            List<Path> found = files(path);
            if (found.isEmpty()) {
                warnings.add(CheckResult.emptyDirectory(path.toString()));
            }
            for (Path file : found) {
                files++;
                try (InputStream in = Files.newInputStream(file)) {
                    policies.addAll(loader.parse(file.toString(), in));
                } catch (InvalidPolicyException e) {
                    problems.addAll(e.problems());
                } catch (IOException e) {
                    throw new UnreadableInputException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
        }
        problems.addAll(PolicyLoader.nameClashes(policies));
        if (problems.isEmpty()) {
            warnings.addAll(Shadowing.ofPolicies(policies));
        }
        return new CheckResult("policy", policies.size(), files, problems, warnings)
                .printTo(spec.commandLine().getOut());
    }

    private static List<Path> files(Path path) {
        try {
            if (Files.isDirectory(path)) {
                return PolicyLoader.files(path);
            }
        } catch (UncheckedIOException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        }
        if (!Files.isRegularFile(path)) {
            throw new UnreadableInputException("policy location " + path + " does not exist");
        }
        return List.of(path);
    }
}

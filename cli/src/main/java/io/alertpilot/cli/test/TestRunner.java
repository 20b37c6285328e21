package io.alertpilot.cli.test;

import io.alertpilot.cli.rehearse.InvalidSettingsException;
import io.alertpilot.cli.rehearse.Rehearsal;
import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.cli.rehearse.RehearsalSettings;
import io.alertpilot.cli.rehearse.SimulatedCluster;
import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.InvalidConfigException;
import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the tests of one test file, each in its own {@link Rehearsal} starting at {@link #START}: the alerts and
 * approvals in time order, then on until the test's {@code until} or until nothing is due, and compares what happened
 * with what the test expects. Stateless and thread safe.
 */
final class TestRunner {

    /** The virtual time a test starts at; a test's {@code at} counts from here. */
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final TestAlerts alerts = new TestAlerts();
    private final Expectations expectations = new Expectations(START);

    /**
     * Runs every test of {@code file}.
     *
     * @throws InvalidTestFileException when the file names playbooks, policies, settings or alerts that cannot be
     *     used
     */
    List<TestOutcome> run(Path path, TestFile file) {
        Path base = path.toAbsolutePath().getParent();
        List<PlaybookLoader.Source> playbooks = playbookSources(path, base, file.playbooks());
        // a test's settings may leave the shipped policies out: one set per choice, each read once
        Map<Boolean, PolicySet> policiesByDefaults = new HashMap<>();
        List<TestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < file.tests().size(); i++) {
            TestFile.TestCase test = file.tests().get(i);
            RehearsalSettings settings = settings(path, i, test, file.settings());
            PolicySet policies = policiesByDefaults.computeIfAbsent(settings.notifier().policies().includeDefaults(),
                    includeDefaults -> policies(base, file.policies(), includeDefaults));
            long started = System.nanoTime();
            List<String> differences = new ArrayList<>();
            RehearsalResult result = rehearse(path, i, test, playbooks, policies, settings, differences);
            differences.addAll(expectations.compare(test.expect(), result));
            outcomes.add(new TestOutcome(test.name(), differences, (System.nanoTime() - started) / 1_000_000));
        }
        return outcomes;
    }

    /** Rehearses {@code test}; an approval that found nothing waiting is added to {@code differences}. */
    private RehearsalResult rehearse(Path path, int index, TestFile.TestCase test,
            List<PlaybookLoader.Source> playbooks,
            PolicySet policies, RehearsalSettings settings, List<String> differences) {
        Rehearsal rehearsal;
        try {
            rehearsal = Rehearsal.builder().start(START).playbookSources(playbooks).policies(policies).settings(settings)
                    .cluster(new SimulatedCluster(test.kubernetes())).build();
        } catch (InvalidConfigException e) {
            throw new InvalidTestFileException(e.problems().stream().map(EmbeddedList::unlocated).toList());
        }
        for (Input input : inputs(test)) {
            Instant at = START.plus(input.at());
            if (input.alert() != null) {
                try {
                    for (var event : alerts.events(input.alert(), at)) {
                        rehearsal.alert(at, event);
                    }
                } catch (InvalidAlertException e) {
                    throw new InvalidTestFileException(List.of(new ConfigProblem(path.toString(), test.name(), index,
                            "alerts[" + input.index() + "]" + (e.field().equals("$") ? "" : "." + e.field()), 0,
                            e.getMessage())));
                }
            } else {
                TestFile.Approval approval = input.approval();
                boolean answered = (approval.decision().equals("reject")
                        ? rehearsal.reject(at, approval.playbook(), approval.by())
                        : rehearsal.approve(at, approval.playbook(), approval.by())).isPresent();
                if (!answered) {
                    differences.add("approvals[" + input.index() + "]: no remediation of " + approval.playbook()
                            + " waited for approval at " + Expectations.offset(input.at()));
                }
            }
        }
        return test.until() == null ? rehearsal.finish() : rehearsal.finish(START.plus(test.until()));
    }

    /** The alerts and approvals in time order; at the same time, alerts first, each in the file's order. */
    private static List<Input> inputs(TestFile.TestCase test) {
        List<Input> inputs = new ArrayList<>();
        for (int i = 0; i < test.alerts().size(); i++) {
            inputs.add(new Input(test.alerts().get(i).at(), i, test.alerts().get(i), null));
        }
        for (int i = 0; i < test.approvals().size(); i++) {
            inputs.add(new Input(test.approvals().get(i).at(), i, null, test.approvals().get(i)));
        }
        inputs.sort(Comparator.comparing(Input::at).thenComparing(input -> input.alert() == null));
        return inputs;
    }

    private record Input(java.time.Duration at, int index, TestFile.TestAlert alert, TestFile.Approval approval) {
    }

    private static RehearsalSettings settings(Path path, int index, TestFile.TestCase test,
            Map<String, Object> fileSettings) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", fileSettings, flat);
        flatten("", test.settings(), flat);
        try {
            return RehearsalSettings.of(flat);
        } catch (InvalidSettingsException e) {
            throw new InvalidTestFileException(List.of(new ConfigProblem(path.toString(),
                    test.settings().isEmpty() ? null : test.name(), test.settings().isEmpty() ? -1 : index,
                    "settings", 0, e.getMessage())));
        }
    }

    /** {@code {guard: {cooldown: 5m}}} as {@code guard.cooldown=5m}, lists as {@code key[0]}. */
    private static void flatten(String prefix, Object value, Map<String, String> into) {
        switch (value) {
            case Map<?, ?> map -> map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k)
                    : prefix + "." + k, v, into));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) {
                    flatten(prefix + "[" + i + "]", list.get(i), into);
                }
            }
            case null -> into.put(prefix, "");
            default -> into.put(prefix, String.valueOf(value));
        }
    }

    /**
     * The playbook files the entries name, read as the service reads its locations, and the lists embedded in other
     * YAML files ({@code FILE#PATH}), in order.
     */
    private static List<PlaybookLoader.Source> playbookSources(Path path, Path base, List<String> entries) {
        List<PlaybookLoader.Source> sources = new ArrayList<>();
        for (String entry : entries) {
            Optional<EmbeddedList> embedded = EmbeddedList.of(base, entry);
            try {
                sources.addAll(embedded.isPresent()
                        ? List.of(new PlaybookLoader.Source(embedded.get().name(), embedded.get().text("playbooks")))
                        : PlaybookLibrary.sources(List.of(base.resolve(entry).normalize().toString())));
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw InvalidTestFileException.of(path.toString(), "playbooks", e.getMessage());
            }
        }
        return sources;
    }

    private static PolicySet policies(Path base, List<String> entries, boolean includeDefaults) {
        PolicyLoader loader = new PolicyLoader(new HashSet<>(ChannelNames.ALL));
        try {
            List<Policy> loaded = new ArrayList<>();
            for (String entry : entries) {
                Optional<EmbeddedList> embedded = EmbeddedList.of(base, entry);
                loaded.addAll(embedded.isPresent()
                        ? loader.parse(embedded.get().name(), new ByteArrayInputStream(
                                embedded.get().text("policies").getBytes(StandardCharsets.UTF_8)))
                        : loader.read(base.resolve(entry).normalize()));
            }
            return loader.combine(loaded, includeDefaults);
        } catch (InvalidConfigException e) {
            throw new InvalidTestFileException(e.problems().stream().map(EmbeddedList::unlocated).toList());
        }
    }
}

package io.alertpilot.cli.replay;

import io.alertpilot.cli.ExitCodes;
import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.cli.rehearse.InvalidSettingsException;
import io.alertpilot.cli.rehearse.Rehearsal;
import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.cli.rehearse.RehearsalSettings;
import io.alertpilot.config.Durations;
import io.alertpilot.config.InvalidConfigException;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.policy.PolicyLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alertpilot replay}: reads the alerts recorded on {@code alertpilot.alerts.v1} in a time range, runs them in
 * record-time order through candidate playbooks and policies on a virtual clock set from the recorded times, and
 * prints what would have run, what the guards stopped, the pages that would have gone and the difference from the
 * remediations recorded on {@code alertpilot.remediations.v1}. Read-only: it creates no producer, joins no consumer
 * group, commits nothing and calls no Kubernetes API. Exit code 0 when it ran, 2 on bad usage, an unreachable broker
 * or unreadable files.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays recorded alerts through candidate playbooks and policies on a virtual clock and "
                + "compares the outcome with what did happen. Read-only: writes nothing to Kafka, calls no "
                + "Kubernetes API.",
            "TIME is an ISO-8601 instant (2026-11-23T08:00:00Z), now, or now-DURATION (now-2h, now-1h30m)."})
public final class ReplayCommand implements Callable<Integer> {

    /** How long after the range the recorded remediations of its last alerts are still read. */
    static final Duration RECORDED_GRACE = Duration.ofMinutes(1);

    /** The output formats. */
    enum Format { text, json }

    @Spec
    private CommandSpec spec;

    @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
            description = "Kafka broker(s) to read from, comma separated (standalone: localhost:9092).")
    private String bootstrapServers;

    @Option(names = "--from", required = true, paramLabel = "TIME", description = "Start of the range (inclusive).")
    private String from;

    @Option(names = "--to", defaultValue = "now", paramLabel = "TIME",
            description = "End of the range (exclusive); default: ${DEFAULT-VALUE}.")
    private String to;

    @Option(names = "--playbooks", required = true, paramLabel = "PATH", split = ",",
            description = "Candidate playbook files or directories; repeatable.")
    private List<Path> playbooks = new ArrayList<>();

    @Option(names = "--policies", paramLabel = "PATH", split = ",",
            description = "Candidate escalation policy files or directories, for the pages; repeatable.")
    private List<Path> policies = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text (default) or json: one document, schemas/replay-report.schema.json.")
    private Format format;

    @Option(names = "--list", defaultValue = "20", paramLabel = "N",
            description = "How many differing alerts to list; default: ${DEFAULT-VALUE}.")
    private int list;

    @Option(names = "--timeout", defaultValue = "10s", paramLabel = "DURATION",
            description = "How long to wait for the broker; default: ${DEFAULT-VALUE}.")
    private String timeout;

    @Option(names = "--alerts-topic", defaultValue = Topics.ALERTS, paramLabel = "TOPIC",
            description = "default: ${DEFAULT-VALUE}")
    private String alertsTopic;

    @Option(names = "--remediations-topic", defaultValue = Topics.REMEDIATIONS, paramLabel = "TOPIC",
            description = "default: ${DEFAULT-VALUE}")
    private String remediationsTopic;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "A service setting for the replay, as in a test file's settings (dry-run=true, "
                    + "guard.cooldown=10m, notifier.decision-window=30s); repeatable. Default: the services' "
                    + "defaults with dry run off, to predict the live run.")
    private Map<String, String> settings = new LinkedHashMap<>();

    private final Clock clock;

    /** The command, reading {@code now} from the system clock. */
    public ReplayCommand() {
        this(Clock.systemUTC());
    }

    /** The command, reading {@code now} from {@code clock}. */
    public ReplayCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Integer call() {
        TimeRange range = range();
        Duration wait = duration(timeout, "--timeout");
        if (list < 0) {
            throw usage("--list must not be negative");
        }
        readable(playbooks);
        readable(policies);
        Rehearsal rehearsal = rehearsal(range.from());
        TopicSlice<AlertEvent> alerts;
        TopicSlice<RemediationEvent> recorded;
        try (TopicHistory history = new TopicHistory(bootstrapServers, wait)) {
            alerts = history.read(alertsTopic, range, AlertEvent.class, true);
            recorded = history.read(remediationsTopic, new TimeRange(range.from(), range.to().plus(RECORDED_GRACE)),
                    RemediationEvent.class, false);
        }
        alerts.events().forEach(alert -> rehearsal.alert(alert.at(), alert.value()));
        RehearsalResult replayed = rehearsal.finish(range.to());
        List<RemediationEvent> did = recorded.events().stream().map(Recorded::value).toList();
        ReplayReport report = ReplayReport.of(range, alerts, replayed, did, list);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(Json.writeString(report));
            out.flush();
        } else {
            TextReport.write(report, out);
        }
        return ExitCodes.OK;
    }

    private TimeRange range() {
        try {
            Instant start = TimeRange.parseTime(from, clock);
            Instant end = TimeRange.parseTime(to, clock);
            return new TimeRange(start, end);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private Duration duration(String text, String option) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private static void readable(List<Path> paths) {
        for (Path path : paths) {
            if (!Files.isReadable(path)) {
                throw new UnreadableInputException("cannot read " + path + ": no such file or directory");
            }
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * The rehearsal the alerts run through, its clock at {@code start}: the candidate playbooks and policies (with the
     * notifier's shipped policies that they do not replace, as the service loads them), the services' settings, and
     * the simulated cluster in which every object exists and is healthy. It has no Kafka and no Kubernetes client.
     */
    private Rehearsal rehearsal(Instant start) {
        try {
            RehearsalSettings rehearsalSettings = RehearsalSettings.of(settings);
            Rehearsal.Builder builder = Rehearsal.builder().start(start).playbooks(List.copyOf(playbooks))
                    .settings(rehearsalSettings);
            if (!policies.isEmpty()) {
                builder.policies(new PolicyLoader(new HashSet<>(ChannelNames.ALL)).loadAll(policies,
                        rehearsalSettings.notifier().policies().includeDefaults()));
            }
            return builder.build();
        } catch (InvalidConfigException e) {
            throw new UnreadableInputException(e.getMessage(), e);
        } catch (InvalidSettingsException e) {
            throw usage(e.getMessage());
        }
    }
}

package io.alertpilot.remediation.playbook;

import io.alertpilot.config.AlertMatcher;
import io.alertpilot.config.BoundFile;
import io.alertpilot.config.BoundItem;
import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.LabelMatcher;
import io.alertpilot.config.YamlBinding;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.alert.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and checks playbook files given as text: binds them with {@link YamlBinding} into {@link PlaybookYaml} and
 * turns each into a {@link Playbook} (its {@code steps} or plain {@code actions} read by {@link StepReader}). Unknown keys are refused so that a typo never silently turns a guard off;
 * {@code onFailure} is refused because a failed action always reaches a human. Every problem names the file, the
 * playbook and the field; all bad playbooks of all sources are reported together, each with all its problems.
 * Reads no files. Thread safe.
 */
public final class PlaybookLoader {

    /** One file's name (for messages) and content. */
    public record Source(String name, String content) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Pod", "Node", "Service",
            "CronJob", "AzureResource");

    private final YamlBinding binding = new YamlBinding();
    private final Duration lockTtl;

    /** A loader that takes any verification time (a tool that checks playbooks without a service's settings). */
    public PlaybookLoader() {
        this(null);
    }

    /**
     * A loader for a service whose target lock lives {@code lockTtl}: a playbook's verification time
     * ({@code verify.rolloutTimeout} or {@code verify.timeout}) must be shorter, or the lock could expire while the
     * action is verified; null takes any.
     */
    public PlaybookLoader(Duration lockTtl) {
        this.lockTtl = lockTtl;
    }

    /**
     * Reads every source into one set, ordered by each playbook's {@code order} (ascending); equal orders keep the
     * order of the sources and, within one, of the file.
     *
     * @throws InvalidPlaybookException listing every problem found; nothing of the sources is used then
     */
    public PlaybookSet load(List<Source> sources, Instant now) {
        List<Playbook> playbooks = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (Source source : sources) {
            files.add(source.name());
            BoundFile<PlaybookYaml> file = binding.bindList(source.name(), source.content(), "playbooks",
                    PlaybookYaml.class);
            List<ConfigProblem> fileProblems = new ArrayList<>();
            file.problems().forEach(problem -> fileProblems.add(problem.item() == null && problem.index() >= 0
                    ? problem.underField("playbooks[" + problem.index() + "]") : problem));
            for (BoundItem<PlaybookYaml> item : file.items()) {
                try {
                    Playbook playbook = playbook(new ItemCheck(source.name(), item));
                    String earlier = seen.putIfAbsent(playbook.name(), source.name());
                    if (earlier != null) {
                        fileProblems.add(item.problem(source.name(), "name",
                                "the name is already used by a playbook in " + earlier));
                    }
                    playbooks.add(playbook);
                } catch (InvalidPlaybookException e) {
                    fileProblems.addAll(e.problems());
                }
            }
            fileProblems.sort(Comparator.comparingInt(ConfigProblem::index));
            problems.addAll(fileProblems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlaybookException(problems);
        }
        playbooks.sort(Comparator.comparingInt(Playbook::order)); // stable: equal orders keep the sources' order
        return new PlaybookSet(playbooks, files, checksum(sources), now);
    }

    /** A digest of the sources' names and contents. */
    public static String checksum(List<Source> sources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Source source : sources) {
                digest.update(source.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(source.content().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Playbook playbook(ItemCheck check) {
        PlaybookYaml yaml = check.item().value();
        String name = check.item().name();
        if (name == null) {
            check.problems().add(new ConfigProblem(check.file(), null, -1, "playbooks[" + check.item().index()
                    + "].name", 0, "is required: a name of lower-case letters, digits and '-'"));
        } else if (!NAME.matcher(name).matches()) {
            check.report("name", "'" + name + "' must be lower-case letters, digits and '-', at most 63 characters");
        }
        if (yaml.onFailure() != null) {
            check.report("onFailure", "is not supported any more: a failed action always reaches a human "
                    + "(the alert escalates), so there is nothing to choose; remove the key");
        }
        MatchRule match = match(yaml.match(), check);
        List<Step> steps = StepReader.steps(yaml, check);
        if (yaml.steps() != null && match != null && match.status() != AlertStatus.FIRING) {
            // a ladder climbs while its alert fires; a step started by a resolution would climb on a resolved alert
            check.report("match.status", "'" + yaml.match().status() + "' cannot start a ladder: a playbook with "
                    + "steps matches FIRING alerts only (remove match.status or write FIRING)");
        }
        List<ActionSpec> actions = steps.stream().flatMap(s -> s.actions().stream()).toList();
        boolean everyActionKnown = StepReader.everyActionKnown(yaml, steps);
        TargetSpec target = target(yaml.target(), check, actions,
                kind -> StepReader.checkFits(kind, steps, yaml.steps() != null, check), everyActionKnown);
        GuardSpec guard = guard(yaml.guard(), check);
        Duration verifyTimeout = yaml.verify() == null ? null
                : yaml.verify().rolloutTimeout() != null ? yaml.verify().rolloutTimeout() : yaml.verify().timeout();
        if (lockTtl != null && verifyTimeout != null && verifyTimeout.compareTo(lockTtl) > 0) {
            check.report(yaml.verify().rolloutTimeout() != null ? "verify.rolloutTimeout" : "verify.timeout",
                    verifyTimeout + " must not be longer than the target lock's time to live "
                    + "(alertpilot.remediation.lock.ttl=" + lockTtl + "), or the lock could expire while the action "
                    + "is verified: shorten it or raise the ttl");
        }
        check.throwIfAny();
        // containment and promotions are approved by a human unless the playbook says `approval: none` itself: in a
        // ladder the step that holds such an action waits for approval, in a playbook of plain actions the playbook
        boolean approvalRequired = yaml.approval() != null ? !Boolean.FALSE.equals(yaml.approval().required())
                : yaml.steps() == null && actions.stream().anyMatch(ActionReader::approvalByDefault);
        List<Step> ladder = yaml.approval() != null || yaml.steps() == null ? steps
                : steps.stream().map(s -> s.approvalRequired() == null
                        && s.actions().stream().anyMatch(ActionReader::approvalByDefault)
                        ? new Step(s.number(), s.actions(), s.holdFor(), s.otherwise(), true) : s).toList();
        Duration approvalTimeout = yaml.approval() == null ? null : yaml.approval().timeout();
        // a ladder's playbook-level actions are its first step's: what a match plans and evaluate explains
        return new Playbook(name, check.file(), match, target, steps.getFirst().actions(), guard, yaml.dryRun(),
                approvalRequired, approvalTimeout, verifyTimeout, yaml.order() == null ? 0 : yaml.order(),
                Boolean.TRUE.equals(yaml.continueMatching()), ladder, Boolean.TRUE.equals(yaml.diagnose()));
    }

    private static MatchRule match(PlaybookYaml.Match match, ItemCheck check) {
        if (match == null) {
            check.report("match", "is required: at least 'alertname' or 'labels'");
            return null;
        }
        List<String> names = match.alertname() == null ? List.of() : match.alertname();
        LabelMatcher labels = LabelMatcher.ANY;
        try {
            labels = match.labels() == null ? LabelMatcher.ANY : LabelMatcher.compile(match.labels());
        } catch (LabelMatcher.InvalidLabelPatternException e) {
            check.report("match.labels." + e.label(), e.getMessage());
        }
        List<AlertMatcher> matchers = AlertMatcher.parseAll(match.matchers(), "match.matchers", check::report);
        List<AlertMatcher> annotations = AlertMatcher.parseAll(match.annotations(), "match.annotations", check::report);
        if (names.isEmpty() && (match.labels() == null || match.labels().isEmpty()) && matchers.isEmpty()) {
            check.report("match", "needs at least 'alertname', 'labels' or 'matchers', or it would match every alert");
        }
        Set<Severity> severities = values(match.severity(), text -> Severity.valueOf(text.toUpperCase(Locale.ROOT)),
                check, "match.severity", "is not a severity; known are CRITICAL, HIGH, WARNING, INFO");
        Set<AlertSource> sources = values(match.source(),
                text -> AlertSource.valueOf(text.toUpperCase(Locale.ROOT).replace('-', '_')), check, "match.source",
                "is not a source; known are ALERTMANAGER, AZURE_MONITOR, GENERIC");
        AlertStatus status = AlertStatus.FIRING;
        if (match.status() != null) {
            String text = match.status().toUpperCase(Locale.ROOT);
            try {
                status = text.equals("ANY") ? null : AlertStatus.valueOf(text);
            } catch (IllegalArgumentException e) {
                check.report("match.status", "'" + match.status() + "' must be FIRING, RESOLVED or ANY");
            }
        }
        Set<String> priorities = new LinkedHashSet<>();
        for (String priority : match.priority() == null ? List.<String>of() : match.priority()) {
            if (priority == null || RawPriority.normalize(priority).isEmpty()) {
                check.report("match.priority", "a priority must not be empty; write it as the source does (P1, Sev1)");
            } else {
                priorities.add(priority);
            }
        }
        return new MatchRule(names, labels, severities, sources, status, matchers, annotations, priorities);
    }

    private static <T> Set<T> values(List<String> texts, Function<String, T> parse, ItemCheck check, String field,
            String unknown) {
        Set<T> values = new LinkedHashSet<>();
        for (String text : texts == null ? List.<String>of() : texts) {
            try {
                values.add(parse.apply(text));
            } catch (IllegalArgumentException e) {
                check.report(field, "'" + text + "' " + unknown);
            }
        }
        return values;
    }

    /** @param everyActionKnown whether {@code actions} holds every action of the playbook, at its position */
    private static TargetSpec target(PlaybookYaml.Target target, ItemCheck check, List<ActionSpec> actions,
            Consumer<String> checkFits, boolean everyActionKnown) {
        if (target == null) {
            if (actions.stream().anyMatch(a -> a.type() != ActionType.ESCALATE && a.type() != ActionType.WEBHOOK)) {
                check.report("target", "is required: { kind, namespace, name } of the object to act on");
            }
            return null;
        }
        String kind = target.kind();
        boolean knownKind = kind != null && KINDS.contains(kind);
        if (!knownKind) {
            check.report("target.kind", "must be one of " + String.join(", ", KINDS.stream().sorted().toList())
                    + (kind == null ? "" : ", not '" + kind + "'"));
        }
        String namespace = check.template(target.namespace(), "target.namespace");
        boolean clusterScoped = "Node".equals(kind) || "AzureResource".equals(kind);
        if (knownKind && !clusterScoped && target.namespace() == null) {
            check.report("target.namespace", "is required for a " + kind);
        }
        if ("AzureResource".equals(kind) && target.namespace() != null) {
            check.report("target.namespace", "an Azure resource has no namespace: its name is the resource id");
        }
        if (knownKind && kind.equals("Node") && target.namespace() != null) {
            check.report("target.namespace", "a Node has no namespace");
        }
        if (target.name() == null) {
            check.report("target.name", "is required, e.g. \"{{ labels.deployment }}\"");
        }
        String name = check.template(target.name(), "target.name");
        String cluster = check.template(target.cluster(), "target.cluster");
        if (knownKind && everyActionKnown) {
            checkFits.accept(kind);
        }
        return new TargetSpec(cluster, kind, namespace, name);
    }

    private static GuardSpec guard(PlaybookYaml.Guard guard, ItemCheck check) {
        if (guard == null) {
            return GuardSpec.NONE;
        }
        PlaybookYaml.Flapping flapping = guard.flapping();
        return new GuardSpec(guard.cooldown(), check.atLeast(guard.maxAttempts(), 1, "guard.maxAttempts"),
                guard.window(),
                flapping == null ? null : check.atLeast(flapping.maxTransitions(), 1, "guard.flapping.maxTransitions"),
                flapping == null ? null : flapping.window(),
                check.atLeast(guard.minReadyReplicas(), 0, "guard.minReadyReplicas"));
    }
}

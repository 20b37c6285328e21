package io.alertpilot.notifier.escalation;

import io.alertpilot.config.AlertMatcher;
import io.alertpilot.config.BoundFile;
import io.alertpilot.config.BoundItem;
import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.LabelMatcher;
import io.alertpilot.config.YamlBinding;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.notifier.escalation.PolicyYaml.ContactYaml;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads escalation policies from YAML text, bound with {@link YamlBinding} into {@link PolicyYaml} and checked:
 *
 * <pre>
 * policies:
 *   - name: critical
 *     match: { severity: [CRITICAL], alertname: KubePodCrashLooping, labels: { team: "shop|payments" } }
 *     steps:
 *       - after: 0s
 *         notify: [ { pagerduty: primary } ]
 *       - after: 5m
 *         notify: [ { pagerduty: secondary } ]
 *     repeat: 1
 *     repeatInterval: 15m
 *     fallback: { log: pages }
 *     approvers: [ { slack: approvals } ]
 *     info: [ { slack: incidents } ]
 *     remediationGrace: 10m
 *   - name: sev1
 *     match: { priority: [Sev1, P0], labels: { kind: "security|data" }, matchers: ['team!=infra'] }
 *     steps:
 *       - { after: 0s, level: primary, notify: [ { pagerduty: primary } ] }
 *       - { after: 30m, level: secondary, notify: [ { pagerduty: secondary } ] }
 *     ackWithin: 5m          # not acknowledged 5m after a page: the next level is paged now, a breach recorded
 *     resolveWithin: 30m     # not resolved 30m after it opened: a breach notice to breachNotify
 *     updateEvery: 15m       # a status update every 15m until resolved, to updateNotify (else to everyone paged)
 *     breachNotify: [ { email: cto@example.com } ]
 *     updateNotify: [ { slack: incidents } ]
 *     group: alertmanager    # one incident per Alertmanager group; or groupBy: [alertname, namespace]
 * </pre>
 *
 * Every mistake is refused with an {@link InvalidPolicyException} naming the file, the policy, the field and the
 * line; unknown keys are mistakes too, so a typo cannot silently turn a page off. All bad policies of a file are
 * reported together, each with all its problems. Reads no files. Stateless and thread safe.
 */
public final class PolicyReader {

    /** The time between rounds when a policy does not say. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(10);

    /** The on-call levels the runbooks name; a step may name another (free text), these are the usual ones. */
    public static final List<String> LEVELS = List.of("primary", "secondary", "lead", "manager", "executive");

    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern LEVEL = Pattern.compile("[a-zA-Z][a-zA-Z0-9 _-]{0,39}");

    private final YamlBinding binding = new YamlBinding();
    private final Set<String> channels;

    /** @param channels the channel types a contact may name */
    public PolicyReader(Set<String> channels) {
        this.channels = Set.copyOf(channels);
    }

    /**
     * The policies of one file's text, in order; none for an empty text.
     *
     * @throws InvalidPolicyException listing every bad policy of the file
     */
    public List<Policy> read(String file, String text) {
        BoundFile<PolicyYaml> bound = binding.bindList(file, text, "policies", PolicyYaml.class);
        List<ConfigProblem> problems = new ArrayList<>();
        bound.problems().forEach(problem -> problems.add(problem.item() == null && problem.index() >= 0
                ? new ConfigProblem(file, "#" + problem.index(), problem.index(), problem.field(), problem.line(),
                        problem.message())
                : problem));
        List<Policy> policies = new ArrayList<>();
        for (BoundItem<PolicyYaml> item : bound.items()) {
            try {
                policies.add(policy(new Check(file, item)));
            } catch (InvalidPolicyException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(ConfigProblem::index));
            throw new InvalidPolicyException(problems);
        }
        return policies;
    }

    private Policy policy(Check check) {
        PolicyYaml yaml = check.item().value();
        if (check.item().name() == null) {
            check.report("name", "is required and must be a non-blank string");
        }
        PolicyMatch match = match(yaml.match(), check);
        List<Step> steps = steps(yaml.steps(), check);
        if (yaml.repeat() != null && (yaml.repeat() < 0 || yaml.repeat() > 100)) {
            check.report("repeat", "must be a whole number from 0 to 100");
        }
        Contact fallback = yaml.fallback() == null ? null : contact(yaml.fallback(), check, "fallback");
        List<Contact> approvers = contacts(yaml.approvers(), check, "approvers");
        List<Contact> info = contacts(yaml.info(), check, "info");
        PolicySla sla = sla(yaml, check);
        Grouping grouping = grouping(yaml, check);
        check.throwIfAny();
        return new Policy(check.item().name(), check.file(), match, steps, yaml.repeat() == null ? 0 : yaml.repeat(),
                yaml.repeatInterval() == null ? DEFAULT_REPEAT_INTERVAL : yaml.repeatInterval(), fallback, approvers,
                info, yaml.remediationGrace(), sla, grouping);
    }

    private PolicySla sla(PolicyYaml yaml, Check check) {
        positive(yaml.ackWithin(), "ackWithin", check);
        positive(yaml.resolveWithin(), "resolveWithin", check);
        positive(yaml.updateEvery(), "updateEvery", check);
        if (yaml.breachNotify() != null && !yaml.breachNotify().isEmpty() && yaml.ackWithin() == null
                && yaml.resolveWithin() == null) {
            check.report("breachNotify", "has no service level to report: give ackWithin or resolveWithin");
        }
        if (yaml.updateNotify() != null && !yaml.updateNotify().isEmpty() && yaml.updateEvery() == null) {
            check.report("updateNotify", "has no updates to receive: give updateEvery");
        }
        return new PolicySla(yaml.ackWithin(), yaml.resolveWithin(), yaml.updateEvery(),
                contacts(yaml.breachNotify(), check, "breachNotify"),
                contacts(yaml.updateNotify(), check, "updateNotify"));
    }

    private static void positive(Duration duration, String field, Check check) {
        if (duration != null && (duration.isZero() || duration.isNegative())) {
            check.report(field, "must be a positive duration like 5m, not " + duration);
        }
    }

    private static Grouping grouping(PolicyYaml yaml, Check check) {
        if (yaml.group() != null && yaml.groupBy() != null) {
            check.report("groupBy", "and group are alternatives: give one of them");
            return null;
        }
        if (yaml.group() != null) {
            if (!yaml.group().trim().equalsIgnoreCase("alertmanager")) {
                check.report("group", "'" + yaml.group() + "' is not known; the one value is alertmanager "
                        + "(or list labels in groupBy)");
                return null;
            }
            return Grouping.ALERTMANAGER;
        }
        if (yaml.groupBy() != null) {
            if (yaml.groupBy().isEmpty() || yaml.groupBy().stream().anyMatch(label -> label == null
                    || !LABEL_NAME.matcher(label).matches())) {
                check.report("groupBy", "must be a non-empty list of label names like [alertname, namespace]");
                return null;
            }
            return new Grouping(yaml.groupBy());
        }
        return null;
    }

    private static PolicyMatch match(PolicyYaml.Match match, Check check) {
        if (match == null) {
            return PolicyMatch.ANY;
        }
        Set<Severity> severities = new LinkedHashSet<>();
        for (String text : match.severity() == null ? List.<String>of() : match.severity()) {
            try {
                severities.add(Severity.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                check.report("match.severity", "'" + text + "' is not one of CRITICAL, HIGH, WARNING, INFO");
            }
        }
        LabelMatcher labels = LabelMatcher.ANY;
        try {
            labels = match.labels() == null ? LabelMatcher.ANY : LabelMatcher.compile(match.labels());
        } catch (LabelMatcher.InvalidLabelPatternException e) {
            check.report("match.labels." + e.label(), e.getMessage());
        }
        Set<String> priorities = new LinkedHashSet<>();
        for (String text : match.priority() == null ? List.<String>of() : match.priority()) {
            if (text == null || text.isBlank()) {
                check.report("match.priority", "must list raw priorities like P1, Sev1 or SEV-1, not a blank");
            } else {
                priorities.add(text);
            }
        }
        List<AlertMatcher> matchers = AlertMatcher.parseAll(match.matchers(), "match.matchers", check::report);
        return new PolicyMatch(severities, new LinkedHashSet<>(match.alertname() == null ? List.of()
                : match.alertname()), labels, matchers, priorities);
    }

    private List<Step> steps(List<PolicyYaml.StepYaml> yaml, Check check) {
        if (yaml == null || yaml.isEmpty()) {
            check.report("steps", "is required: a non-empty list of steps");
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < yaml.size(); i++) {
            String field = "steps[" + i + "]";
            Duration after = yaml.get(i).after() == null ? Duration.ZERO : yaml.get(i).after();
            if (after.compareTo(previous) < 0) {
                check.report(field + ".after", "is earlier than the step before (" + previous + "); steps are "
                        + "counted from the start of the round and must not go back in time");
            }
            previous = after.compareTo(previous) < 0 ? previous : after;
            List<ContactYaml> notify = yaml.get(i).contacts();
            if (notify == null || notify.isEmpty()) {
                check.report(field + ".notify", "is required: a list like [ { pagerduty: primary } ]");
            } else {
                steps.add(new Step(after, contacts(notify, check, field + ".notify"), level(yaml.get(i), check,
                        field + ".level")));
            }
        }
        return steps;
    }

    /** The step's level in lower case, or null; free text is allowed (a word or two), the usual ones are LEVELS. */
    private static String level(PolicyYaml.StepYaml step, Check check, String field) {
        if (step.level() == null) {
            return null;
        }
        String level = step.level().trim();
        if (!LEVEL.matcher(level).matches()) {
            check.report(field, "'" + step.level() + "' is not a level: use one of " + LEVELS
                    + " or a short name (letters, digits, spaces, '-', at most 40)");
            return null;
        }
        return level.toLowerCase(Locale.ROOT);
    }

    private List<Contact> contacts(List<ContactYaml> yaml, Check check, String field) {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; yaml != null && i < yaml.size(); i++) {
            Contact contact = contact(yaml.get(i), check, field + "[" + i + "]");
            if (contact != null) {
                contacts.add(contact);
            }
        }
        return contacts;
    }

    /** The contact, or null when it is not valid (and its problem noted). */
    private Contact contact(ContactYaml yaml, Check check, String field) {
        if (!channels.contains(yaml.channel())) {
            check.report(field, "channel '" + yaml.channel() + "' is unknown; known are "
                    + channels.stream().sorted().toList());
            return null;
        }
        if (yaml.to() == null || yaml.to().isBlank()) {
            check.report(field + "." + yaml.channel(), "needs a recipient");
            return null;
        }
        return new Contact(yaml.channel(), yaml.to().trim());
    }

    /**
     * One bound policy of a file and every problem found in it so far: a check notes its problem and the checking
     * goes on, so that all problems of the policy are reported. Not thread safe.
     */
    private record Check(String file, BoundItem<PolicyYaml> item, List<ConfigProblem> problems) {

        Check(String file, BoundItem<PolicyYaml> item) {
            this(file, item, new ArrayList<>());
        }

        void report(String field, String problem) {
            String policy = item.name() == null ? "#" + item.index() : item.name();
            problems.add(new ConfigProblem(file, policy, item.index(), field, item.line(), problem));
        }

        void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new InvalidPolicyException(problems);
            }
        }
    }
}

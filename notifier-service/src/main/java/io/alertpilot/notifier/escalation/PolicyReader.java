package io.alertpilot.notifier.escalation;

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
 * </pre>
 *
 * Every mistake is refused with an {@link InvalidPolicyException} naming the file, the policy, the field and the
 * line; unknown keys are mistakes too, so a typo cannot silently turn a page off. All bad policies of a file are
 * reported together, each with all its problems. Reads no files. Stateless and thread safe.
 */
public final class PolicyReader {

    /** The time between rounds when a policy does not say. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(10);

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
        check.throwIfAny();
        return new Policy(check.item().name(), check.file(), match, steps, yaml.repeat() == null ? 0 : yaml.repeat(),
                yaml.repeatInterval() == null ? DEFAULT_REPEAT_INTERVAL : yaml.repeatInterval(), fallback, approvers,
                info, yaml.remediationGrace());
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
        return new PolicyMatch(severities, new LinkedHashSet<>(match.alertname() == null ? List.of()
                : match.alertname()), labels);
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
                steps.add(new Step(after, contacts(notify, check, field + ".notify")));
            }
        }
        return steps;
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

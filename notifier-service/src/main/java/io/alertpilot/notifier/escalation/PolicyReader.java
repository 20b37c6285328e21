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
 * reported together (the first problem of each). Reads no files. Stateless and thread safe.
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
            throw check.fail("name", "is required and must be a non-blank string");
        }
        PolicyMatch match = match(yaml.match(), check);
        List<Step> steps = steps(yaml.steps(), check);
        if (yaml.repeat() != null && (yaml.repeat() < 0 || yaml.repeat() > 100)) {
            throw check.fail("repeat", "must be a whole number from 0 to 100");
        }
        return new Policy(check.item().name(), check.file(), match, steps, yaml.repeat() == null ? 0 : yaml.repeat(),
                yaml.repeatInterval() == null ? DEFAULT_REPEAT_INTERVAL : yaml.repeatInterval(),
                yaml.fallback() == null ? null : contact(yaml.fallback(), check, "fallback"),
                contacts(yaml.approvers(), check, "approvers"), contacts(yaml.info(), check, "info"),
                yaml.remediationGrace());
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
                throw check.fail("match.severity", "'" + text + "' is not one of CRITICAL, HIGH, WARNING, INFO");
            }
        }
        try {
            return new PolicyMatch(severities, new LinkedHashSet<>(match.alertname() == null ? List.of()
                    : match.alertname()), match.labels() == null ? LabelMatcher.ANY : LabelMatcher.compile(match.labels()));
        } catch (LabelMatcher.InvalidLabelPatternException e) {
            throw check.fail("match.labels." + e.label(), e.getMessage());
        }
    }

    private List<Step> steps(List<PolicyYaml.StepYaml> yaml, Check check) {
        if (yaml == null || yaml.isEmpty()) {
            throw check.fail("steps", "is required: a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < yaml.size(); i++) {
            String field = "steps[" + i + "]";
            Duration after = yaml.get(i).after() == null ? Duration.ZERO : yaml.get(i).after();
            if (after.compareTo(previous) < 0) {
                throw check.fail(field + ".after", "is earlier than the step before (" + previous + "); steps are "
                        + "counted from the start of the round and must not go back in time");
            }
            previous = after;
            List<ContactYaml> notify = yaml.get(i).contacts();
            if (notify == null || notify.isEmpty()) {
                throw check.fail(field + ".notify", "is required: a list like [ { pagerduty: primary } ]");
            }
            steps.add(new Step(after, contacts(notify, check, field + ".notify")));
        }
        return steps;
    }

    private List<Contact> contacts(List<ContactYaml> yaml, Check check, String field) {
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; yaml != null && i < yaml.size(); i++) {
            contacts.add(contact(yaml.get(i), check, field + "[" + i + "]"));
        }
        return contacts;
    }

    private Contact contact(ContactYaml yaml, Check check, String field) {
        if (!channels.contains(yaml.channel())) {
            throw check.fail(field, "channel '" + yaml.channel() + "' is unknown; known are "
                    + channels.stream().sorted().toList());
        }
        if (yaml.to() == null || yaml.to().isBlank()) {
            throw check.fail(field + "." + yaml.channel(), "needs a recipient");
        }
        return new Contact(yaml.channel(), yaml.to().trim());
    }

    /** One bound policy of a file, for messages. */
    private record Check(String file, BoundItem<PolicyYaml> item) {

        InvalidPolicyException fail(String field, String problem) {
            String policy = item.name() == null ? "#" + item.index() : item.name();
            return new InvalidPolicyException(List.of(new ConfigProblem(file, policy, item.index(), field, item.line(),
                    problem)));
        }
    }
}

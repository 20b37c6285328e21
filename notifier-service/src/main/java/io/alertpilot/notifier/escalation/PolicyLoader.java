package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads escalation policies from YAML: the policies of a directory ({@code *.yaml}, {@code *.yml}, by file name)
 * first, then the shipped defaults that no directory policy replaces (same name).
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
 * Every mistake is refused with an {@link InvalidPolicyException} naming the file, the policy and the field; unknown
 * fields are mistakes too, so a typo cannot silently turn a page off. Stateless and thread safe.
 */
public final class PolicyLoader {

    /** The classpath resource with the shipped policies. */
    public static final String DEFAULTS = "io/alertpilot/notifier/policies/default-policies.yaml";

    private static final Set<String> POLICY_FIELDS = Set.of("name", "match", "steps", "repeat", "repeatInterval",
            "fallback", "approvers", "info", "remediationGrace");
    private static final Set<String> MATCH_FIELDS = Set.of("severity", "alertname", "labels");
    private static final Set<String> STEP_FIELDS = Set.of("after", "notify");
    private static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofMinutes(10);

    private final YAMLMapper yaml = YAMLMapper.builder().build();
    private final Set<String> channels;

    /** @param channels the channel types a contact may name */
    public PolicyLoader(Set<String> channels) {
        this.channels = Set.copyOf(channels);
    }

    /**
     * Loads the directory's policies (when {@code directory} is not null) and the shipped defaults (when
     * {@code includeDefaults}).
     *
     * @throws InvalidPolicyException when any file is invalid, or no policy is left
     */
    public PolicySet load(Path directory, boolean includeDefaults) {
        List<Policy> loaded = new ArrayList<>();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidPolicyException(directory.toString(), null, "-", "is not a directory");
            }
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(PolicyLoader::isYaml).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        loaded.addAll(parse(file.toString(), in));
                    }
                }
            } catch (IOException e) {
                throw new InvalidPolicyException(directory.toString(), null, "-", "cannot be read: " + e.getMessage());
            }
        }
        if (includeDefaults) {
            Set<String> replaced = new HashSet<>();
            loaded.forEach(policy -> replaced.add(policy.name()));
            try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
                if (in == null) {
                    throw new InvalidPolicyException("classpath:" + DEFAULTS, null, "-", "is missing");
                }
                parse("classpath:" + DEFAULTS, in).stream()
                        .filter(policy -> !replaced.contains(policy.name()))
                        .forEach(loaded::add);
            } catch (IOException e) {
                throw new InvalidPolicyException("classpath:" + DEFAULTS, null, "-", "cannot be read: " + e.getMessage());
            }
        }
        Set<String> names = new HashSet<>();
        for (Policy policy : loaded) {
            if (!names.add(policy.name())) {
                throw new InvalidPolicyException(policy.source(), policy.name(), "name", "is used by another policy");
            }
        }
        if (loaded.isEmpty()) {
            throw new InvalidPolicyException(directory == null ? "-" : directory.toString(), null, "policies",
                    "no policy is defined");
        }
        return new PolicySet(loaded);
    }

    /**
     * Parses one file's policies.
     *
     * @throws InvalidPolicyException when the file or a policy in it is invalid
     */
    public List<Policy> parse(String file, InputStream in) {
        JsonNode root;
        try {
            root = yaml.readTree(in);
        } catch (JacksonException e) {
            throw new InvalidPolicyException(file, null, "-", "is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.get("policies");
        if (!root.isObject() || list == null || !list.isArray()) {
            throw new InvalidPolicyException(file, null, "policies", "must be a list of policies");
        }
        List<Policy> policies = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            policies.add(policy(file, i, list.get(i)));
        }
        return policies;
    }

    private Policy policy(String file, int index, JsonNode node) {
        JsonNode nameNode = node == null ? null : node.get("name");
        String name = nameNode != null && nameNode.isString() && !nameNode.asString().isBlank()
                ? nameNode.asString() : null;
        Context ctx = new Context(file, name == null ? "#" + index : name);
        if (node == null || !node.isObject()) {
            throw ctx.error("policies[" + index + "]", "must be a mapping");
        }
        if (name == null) {
            throw ctx.error("name", "is required and must be a non-blank string");
        }
        ctx.unknown(node, POLICY_FIELDS, "");
        PolicyMatch match = match(ctx, node.get("match"));
        List<Step> steps = steps(ctx, node.get("steps"));
        int repeat = 0;
        JsonNode repeatNode = node.get("repeat");
        if (repeatNode != null) {
            if (!repeatNode.isInt() || repeatNode.asInt() < 0 || repeatNode.asInt() > 100) {
                throw ctx.error("repeat", "must be a whole number from 0 to 100");
            }
            repeat = repeatNode.asInt();
        }
        Duration repeatInterval = node.has("repeatInterval")
                ? duration(ctx, "repeatInterval", node.get("repeatInterval")) : DEFAULT_REPEAT_INTERVAL;
        Contact fallback = node.has("fallback") ? contact(ctx, "fallback", node.get("fallback")) : null;
        List<Contact> approvers = node.has("approvers") ? contacts(ctx, "approvers", node.get("approvers"), false)
                : List.of();
        List<Contact> info = node.has("info") ? contacts(ctx, "info", node.get("info"), false) : List.of();
        Duration grace = node.has("remediationGrace")
                ? duration(ctx, "remediationGrace", node.get("remediationGrace")) : null;
        return new Policy(name, file, match, steps, repeat, repeatInterval, fallback, approvers, info, grace);
    }

    private PolicyMatch match(Context ctx, JsonNode node) {
        if (node == null || node.isNull()) {
            return PolicyMatch.ANY;
        }
        if (!node.isObject()) {
            throw ctx.error("match", "must be a mapping of severity, alertname and labels");
        }
        ctx.unknown(node, MATCH_FIELDS, "match.");
        Set<Severity> severities = new LinkedHashSet<>();
        for (String text : strings(ctx, "match.severity", node.get("severity"))) {
            try {
                severities.add(Severity.valueOf(text.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ctx.error("match.severity", "'" + text + "' is not one of CRITICAL, HIGH, WARNING, INFO");
            }
        }
        Set<String> names = new LinkedHashSet<>(strings(ctx, "match.alertname", node.get("alertname")));
        Map<String, Pattern> labels = new LinkedHashMap<>();
        JsonNode labelsNode = node.get("labels");
        if (labelsNode != null && !labelsNode.isNull()) {
            if (!labelsNode.isObject()) {
                throw ctx.error("match.labels", "must be a mapping of label name to regular expression");
            }
            for (Map.Entry<String, JsonNode> label : labelsNode.properties()) {
                String field = "match.labels." + label.getKey();
                if (!label.getValue().isValueNode() || label.getValue().isNull()) {
                    throw ctx.error(field, "must be a regular expression");
                }
                try {
                    labels.put(label.getKey(), Pattern.compile(label.getValue().asString()));
                } catch (PatternSyntaxException e) {
                    throw ctx.error(field, "is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        return new PolicyMatch(severities, names, labels);
    }

    private List<Step> steps(Context ctx, JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw ctx.error("steps", "is required: a non-empty list of steps");
        }
        List<Step> steps = new ArrayList<>();
        Duration previous = Duration.ZERO;
        for (int i = 0; i < node.size(); i++) {
            String field = "steps[" + i + "]";
            JsonNode step = node.get(i);
            if (!step.isObject()) {
                throw ctx.error(field, "must be a mapping with after and notify");
            }
            ctx.unknown(step, STEP_FIELDS, field + ".");
            Duration after = step.has("after") ? duration(ctx, field + ".after", step.get("after")) : Duration.ZERO;
            if (after.compareTo(previous) < 0) {
                throw ctx.error(field + ".after", "is earlier than the step before (" + previous + "); steps are "
                        + "counted from the start of the round and must not go back in time");
            }
            previous = after;
            steps.add(new Step(after, contacts(ctx, field + ".notify", step.get("notify"), true)));
        }
        return steps;
    }

    private List<Contact> contacts(Context ctx, String field, JsonNode node, boolean required) {
        if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
            if (required) {
                throw ctx.error(field, "is required: a list like [ { pagerduty: primary } ]");
            }
            return List.of();
        }
        if (!node.isArray()) {
            return List.of(contact(ctx, field, node));
        }
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            contacts.add(contact(ctx, field + "[" + i + "]", node.get(i)));
        }
        return contacts;
    }

    private Contact contact(Context ctx, String field, JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw ctx.error(field, "must be one channel and its recipient, like { slack: incidents }");
        }
        Map.Entry<String, JsonNode> entry = node.properties().iterator().next();
        String channel = entry.getKey();
        if (!channels.contains(channel)) {
            throw ctx.error(field, "channel '" + channel + "' is unknown; known are " + channels.stream().sorted().toList());
        }
        JsonNode to = entry.getValue();
        if (to == null || !to.isValueNode() || to.isNull() || to.asString().isBlank()) {
            throw ctx.error(field + "." + channel, "needs a recipient");
        }
        return new Contact(channel, to.asString().trim());
    }

    private static List<String> strings(Context ctx, String field, JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (node.isValueNode()) {
            return List.of(node.asString());
        }
        if (!node.isArray()) {
            throw ctx.error(field, "must be a value or a list of values");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node) {
            if (!value.isValueNode() || value.isNull()) {
                throw ctx.error(field, "must be a value or a list of values");
            }
            values.add(value.asString());
        }
        return values;
    }

    private static Duration duration(Context ctx, String field, JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw ctx.error(field, "must be a duration like 30s, 5m or 1h");
        }
        try {
            return DurationText.parse(node.asString());
        } catch (IllegalArgumentException e) {
            throw ctx.error(field, e.getMessage());
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private record Context(String file, String policy) {

        InvalidPolicyException error(String field, String problem) {
            return new InvalidPolicyException(file, policy, field, problem);
        }

        void unknown(JsonNode node, Set<String> known, String prefix) {
            for (String name : node.propertyNames()) {
                if (!known.contains(name)) {
                    throw error(prefix + name, "is not a known field; known are " + known.stream().sorted().toList());
                }
            }
        }
    }
}

package io.alertpilot.remediation.playbook;

import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and validates playbook YAML. Every problem is an {@link InvalidPlaybookException} that names the file, the
 * playbook and the field; unknown keys are refused so that a typo never silently turns a guard off. Thread safe.
 */
public final class PlaybookLoader {

    /** One file's name (for messages) and content. */
    public record Source(String name, String content) {
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Set<String> KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Pod", "Node", "Service");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
    private static final Set<String> PLAYBOOK_KEYS = Set.of("name", "description", "match", "target", "actions", "guard",
            "verify", "approval", "dryRun", "onFailure");

    /**
     * Reads every source into one set, in order.
     *
     * @throws InvalidPlaybookException for the first problem found; nothing of the sources is used then
     */
    public PlaybookSet load(List<Source> sources, Instant now) {
        List<Playbook> playbooks = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        List<String> files = new ArrayList<>();
        for (Source source : sources) {
            files.add(source.name());
            for (Playbook playbook : loadFile(source)) {
                String earlier = seen.putIfAbsent(playbook.name(), source.name());
                if (earlier != null) {
                    throw new InvalidPlaybookException(source.name(), playbook.name(), "name",
                            "the name is already used by a playbook in " + earlier);
                }
                playbooks.add(playbook);
            }
        }
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

    private List<Playbook> loadFile(Source source) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).load(source.content());
        } catch (YAMLException | IllegalArgumentException e) {
            // SnakeYAML reports some malformed input, e.g. a tag that decodes to spaces, as IllegalArgumentException
            throw new InvalidPlaybookException(source.name(), null, null, "not valid YAML: " + firstLine(e.getMessage()));
        }
        if (root == null) {
            return List.of();
        }
        Map<String, Object> top = map(root, new Ctx(source.name(), null), "$");
        Ctx fileCtx = new Ctx(source.name(), null);
        unknownKeys(top, Set.of("playbooks"), fileCtx, "");
        Object list = top.get("playbooks");
        if (list == null) {
            return List.of();
        }
        if (!(list instanceof List<?> items)) {
            throw fileCtx.fail("playbooks", "must be a list of playbooks");
        }
        List<Playbook> playbooks = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            playbooks.add(playbook(items.get(i), source.name(), "playbooks[" + i + "]"));
        }
        return playbooks;
    }

    private Playbook playbook(Object node, String file, String path) {
        Map<String, Object> map = map(node, new Ctx(file, null), path);
        Object nameNode = map.get("name");
        if (!(nameNode instanceof String name) || name.isBlank()) {
            throw new InvalidPlaybookException(file, null, path + ".name", "is required: a name of lower-case letters, "
                    + "digits and '-'");
        }
        Ctx ctx = new Ctx(file, name);
        if (!NAME.matcher(name).matches()) {
            throw ctx.fail("name", "'" + name + "' must be lower-case letters, digits and '-', at most 63 characters");
        }
        unknownKeys(map, PLAYBOOK_KEYS, ctx, "");
        MatchRule match = match(map.get("match"), ctx);
        List<ActionSpec> actions = actions(map.get("actions"), ctx);
        TargetSpec target = target(map.get("target"), ctx, actions);
        GuardSpec guard = guard(map.get("guard"), ctx);
        Duration verifyTimeout = null;
        if (map.get("verify") != null) {
            Map<String, Object> verify = map(map.get("verify"), ctx, "verify");
            unknownKeys(verify, Set.of("rolloutTimeout", "timeout"), ctx, "verify.");
            Object timeout = verify.containsKey("rolloutTimeout") ? verify.get("rolloutTimeout") : verify.get("timeout");
            String field = verify.containsKey("rolloutTimeout") ? "verify.rolloutTimeout" : "verify.timeout";
            verifyTimeout = timeout == null ? null : duration(timeout, ctx, field);
        }
        boolean approvalRequired = false;
        Duration approvalTimeout = null;
        Object approval = map.get("approval");
        if (approval instanceof Boolean b) {
            approvalRequired = b;
        } else if (approval instanceof String s) {
            approvalRequired = switch (s) {
                case "required" -> true;
                case "none" -> false;
                default -> throw ctx.fail("approval", "must be 'required', 'none', true, false or a map "
                        + "{ required, timeout }, not '" + s + "'");
            };
        } else if (approval != null) {
            Map<String, Object> approvalMap = map(approval, ctx, "approval");
            unknownKeys(approvalMap, Set.of("required", "timeout"), ctx, "approval.");
            approvalRequired = bool(approvalMap.getOrDefault("required", true), ctx, "approval.required");
            approvalTimeout = approvalMap.get("timeout") == null ? null
                    : duration(approvalMap.get("timeout"), ctx, "approval.timeout");
        }
        Boolean dryRun = map.get("dryRun") == null ? null : bool(map.get("dryRun"), ctx, "dryRun");
        String onFailure = "escalate";
        if (map.get("onFailure") != null) {
            onFailure = String.valueOf(map.get("onFailure"));
            if (!Set.of("escalate", "none").contains(onFailure)) {
                throw ctx.fail("onFailure", "must be 'escalate' or 'none', not '" + onFailure + "'");
            }
        }
        return new Playbook(name, file, match, target, actions, guard, dryRun, approvalRequired, approvalTimeout,
                verifyTimeout, onFailure);
    }

    private MatchRule match(Object node, Ctx ctx) {
        if (node == null) {
            throw ctx.fail("match", "is required: at least 'alertname' or 'labels'");
        }
        Map<String, Object> map = map(node, ctx, "match");
        unknownKeys(map, Set.of("alertname", "labels", "severity", "source", "status"), ctx, "match.");
        List<String> names = strings(map.get("alertname"), ctx, "match.alertname");
        Map<String, Pattern> labels = new LinkedHashMap<>();
        if (map.get("labels") != null) {
            Map<String, Object> labelMap = map(map.get("labels"), ctx, "match.labels");
            for (Map.Entry<String, Object> entry : labelMap.entrySet()) {
                String field = "match.labels." + entry.getKey();
                if (!(entry.getValue() instanceof String regex)) {
                    throw ctx.fail(field, "must be a regular expression as a string");
                }
                try {
                    labels.put(entry.getKey(), Pattern.compile(regex));
                } catch (PatternSyntaxException e) {
                    throw ctx.fail(field, "'" + regex + "' is not a valid regular expression: " + e.getDescription());
                }
            }
        }
        if (names.isEmpty() && labels.isEmpty()) {
            throw ctx.fail("match", "needs at least 'alertname' or 'labels', or it would match every alert");
        }
        Set<Severity> severities = new LinkedHashSet<>();
        for (String s : strings(map.get("severity"), ctx, "match.severity")) {
            try {
                severities.add(Severity.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ctx.fail("match.severity", "'" + s + "' is not a severity; known are CRITICAL, HIGH, WARNING, INFO");
            }
        }
        Set<AlertSource> sources = new LinkedHashSet<>();
        for (String s : strings(map.get("source"), ctx, "match.source")) {
            try {
                sources.add(AlertSource.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw ctx.fail("match.source", "'" + s + "' is not a source; known are ALERTMANAGER, AZURE_MONITOR, GENERIC");
            }
        }
        AlertStatus status = AlertStatus.FIRING;
        if (map.get("status") != null) {
            String s = String.valueOf(map.get("status")).toUpperCase(Locale.ROOT);
            if (s.equals("ANY")) {
                status = null;
            } else {
                try {
                    status = AlertStatus.valueOf(s);
                } catch (IllegalArgumentException e) {
                    throw ctx.fail("match.status", "'" + map.get("status") + "' must be FIRING, RESOLVED or ANY");
                }
            }
        }
        return new MatchRule(names, labels, severities, sources, status);
    }

    private List<ActionSpec> actions(Object node, Ctx ctx) {
        if (!(node instanceof List<?> list) || list.isEmpty()) {
            throw ctx.fail("actions", "is required: a list of at least one action (" + String.join(", ", ActionType.names())
                    + ")");
        }
        List<ActionSpec> actions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "actions[" + i + "]";
            Object item = list.get(i);
            if (item instanceof String s) {
                item = Map.of(s, Map.of());
            }
            Map<String, Object> map = map(item, ctx, path);
            if (map.size() != 1) {
                throw ctx.fail(path, "must name exactly one action (" + String.join(", ", ActionType.names()) + ")");
            }
            Map.Entry<String, Object> entry = map.entrySet().iterator().next();
            ActionType type = ActionType.byName(entry.getKey()).orElseThrow(() -> ctx.fail(path + "." + entry.getKey(),
                    "is not an action; known are " + String.join(", ", ActionType.names())));
            String actionPath = path + "." + type.yamlName();
            Map<String, Object> params = entry.getValue() == null ? Map.of() : map(entry.getValue(), ctx, actionPath);
            actions.add(action(type, params, ctx, actionPath));
        }
        return actions;
    }

    private ActionSpec action(ActionType type, Map<String, Object> raw, Ctx ctx, String path) {
        Set<String> allowed = switch (type) {
            case RESTART, ESCALATE -> Set.of();
            case DELETE_POD -> Set.of("pod");
            case SCALE -> Set.of("to", "by", "min", "max");
            case ROLLBACK -> Set.of("toRevision");
            case FAILOVER -> Set.of("selector", "revertOnRecovery");
            case CORDON -> Set.of("node");
            case WEBHOOK -> Set.of("url", "method");
        };
        unknownKeys(raw, allowed, ctx, path + ".");
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> selector = new LinkedHashMap<>();
        switch (type) {
            case SCALE -> {
                Integer to = integer(raw.get("to"), ctx, path + ".to", 0);
                Integer by = integer(raw.get("by"), ctx, path + ".by", null);
                Integer min = integer(raw.get("min"), ctx, path + ".min", 0);
                Integer max = integer(raw.get("max"), ctx, path + ".max", 0);
                if ((to == null) == (by == null)) {
                    throw ctx.fail(path, "needs exactly one of 'to' (a replica count) or 'by' (a change, may be negative)");
                }
                if (max == null) {
                    throw ctx.fail(path + ".max", "is required: the most replicas a scale may reach");
                }
                int lower = min == null ? 1 : min;
                if (lower > max) {
                    throw ctx.fail(path + ".min", "min " + lower + " is larger than max " + max);
                }
                if (to != null && (to < lower || to > max)) {
                    throw ctx.fail(path + ".to", to + " is outside min " + lower + " and max " + max);
                }
                if (by != null && by == 0) {
                    throw ctx.fail(path + ".by", "must not be 0");
                }
                if (to != null) {
                    params.put("to", to.toString());
                } else {
                    params.put("by", by.toString());
                }
                params.put("min", Integer.toString(lower));
                params.put("max", max.toString());
            }
            case ROLLBACK -> {
                Integer revision = integer(raw.get("toRevision"), ctx, path + ".toRevision", 1);
                if (revision != null) {
                    params.put("toRevision", revision.toString());
                }
            }
            case FAILOVER -> {
                if (raw.get("selector") == null) {
                    throw ctx.fail(path + ".selector", "is required: the labels of the pods to switch the Service to");
                }
                Map<String, Object> sel = map(raw.get("selector"), ctx, path + ".selector");
                if (sel.isEmpty()) {
                    throw ctx.fail(path + ".selector", "must hold at least one label");
                }
                sel.forEach((key, value) -> {
                    if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
                        throw ctx.fail(path + ".selector." + key, "must be a label value");
                    }
                    selector.put(key, String.valueOf(value));
                });
                boolean revert = raw.get("revertOnRecovery") != null
                        && bool(raw.get("revertOnRecovery"), ctx, path + ".revertOnRecovery");
                params.put("revertOnRecovery", Boolean.toString(revert));
            }
            case DELETE_POD, CORDON -> {
                String key = type == ActionType.DELETE_POD ? "pod" : "node";
                if (raw.get(key) != null) {
                    params.put(key, template(raw.get(key), ctx, path + "." + key));
                }
            }
            case WEBHOOK -> {
                if (!(raw.get("url") instanceof String url) || url.isBlank()) {
                    throw ctx.fail(path + ".url", "is required: an absolute http or https URL");
                }
                if (url.contains("{{")) {
                    throw ctx.fail(path + ".url", "must be literal: a webhook URL taken from alert labels could call anywhere");
                }
                try {
                    URI uri = URI.create(url);
                    if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                        throw ctx.fail(path + ".url", "'" + url + "' must be an absolute http or https URL");
                    }
                } catch (IllegalArgumentException e) {
                    throw ctx.fail(path + ".url", "'" + url + "' is not a URL: " + e.getMessage());
                }
                params.put("url", url);
                String method = raw.get("method") == null ? "POST" : String.valueOf(raw.get("method")).toUpperCase(Locale.ROOT);
                if (!Set.of("POST", "PUT").contains(method)) {
                    throw ctx.fail(path + ".method", "must be POST or PUT, not '" + method + "'");
                }
                params.put("method", method);
            }
            case RESTART, ESCALATE -> {
            }
        }
        return new ActionSpec(type, params, selector);
    }

    private TargetSpec target(Object node, Ctx ctx, List<ActionSpec> actions) {
        boolean needsTarget = actions.stream()
                .anyMatch(a -> a.type() != ActionType.ESCALATE && a.type() != ActionType.WEBHOOK);
        if (node == null) {
            if (needsTarget) {
                throw ctx.fail("target", "is required: { kind, namespace, name } of the object to act on");
            }
            return null;
        }
        Map<String, Object> map = map(node, ctx, "target");
        unknownKeys(map, Set.of("cluster", "kind", "namespace", "name"), ctx, "target.");
        Object kindNode = map.get("kind");
        if (!(kindNode instanceof String kind) || !KINDS.contains(kind)) {
            throw ctx.fail("target.kind", "must be one of " + String.join(", ", KINDS.stream().sorted().toList())
                    + (kindNode == null ? "" : ", not '" + kindNode + "'"));
        }
        String namespace = map.get("namespace") == null ? null : template(map.get("namespace"), ctx, "target.namespace");
        if (!kind.equals("Node") && namespace == null) {
            throw ctx.fail("target.namespace", "is required for a " + kind);
        }
        if (kind.equals("Node") && namespace != null) {
            throw ctx.fail("target.namespace", "a Node has no namespace");
        }
        if (map.get("name") == null) {
            throw ctx.fail("target.name", "is required, e.g. \"{{ labels.deployment }}\"");
        }
        String name = template(map.get("name"), ctx, "target.name");
        String cluster = map.get("cluster") == null ? null : template(map.get("cluster"), ctx, "target.cluster");
        for (int i = 0; i < actions.size(); i++) {
            ActionSpec action = actions.get(i);
            String field = "actions[" + i + "]." + action.type().yamlName();
            boolean fits = switch (action.type()) {
                case RESTART -> WORKLOADS.contains(kind);
                case SCALE -> kind.equals("Deployment") || kind.equals("StatefulSet");
                case ROLLBACK -> kind.equals("Deployment");
                case FAILOVER -> kind.equals("Service");
                case DELETE_POD -> kind.equals("Pod") || action.param("pod") != null;
                case CORDON -> kind.equals("Node") || action.param("node") != null;
                case WEBHOOK, ESCALATE -> true;
            };
            if (!fits) {
                throw ctx.fail(field, "cannot act on a target of kind " + kind + switch (action.type()) {
                    case RESTART -> " (restart works on Deployment, StatefulSet, DaemonSet)";
                    case SCALE -> " (scale works on Deployment, StatefulSet)";
                    case ROLLBACK -> " (rollback works on Deployment)";
                    case FAILOVER -> " (failover works on Service)";
                    case DELETE_POD -> " (give 'pod' or use kind Pod)";
                    case CORDON -> " (give 'node' or use kind Node)";
                    default -> "";
                });
            }
        }
        return new TargetSpec(cluster, kind, namespace, name);
    }

    private GuardSpec guard(Object node, Ctx ctx) {
        if (node == null) {
            return GuardSpec.NONE;
        }
        Map<String, Object> map = map(node, ctx, "guard");
        unknownKeys(map, Set.of("cooldown", "maxAttempts", "window", "flapping", "minReadyReplicas"), ctx, "guard.");
        Duration cooldown = map.get("cooldown") == null ? null : duration(map.get("cooldown"), ctx, "guard.cooldown");
        Integer maxAttempts = integer(map.get("maxAttempts"), ctx, "guard.maxAttempts", 1);
        Duration window = map.get("window") == null ? null : duration(map.get("window"), ctx, "guard.window");
        Integer minReady = integer(map.get("minReadyReplicas"), ctx, "guard.minReadyReplicas", 0);
        Integer flapTransitions = null;
        Duration flapWindow = null;
        if (map.get("flapping") != null) {
            Map<String, Object> flapping = map(map.get("flapping"), ctx, "guard.flapping");
            unknownKeys(flapping, Set.of("maxTransitions", "window"), ctx, "guard.flapping.");
            flapTransitions = integer(flapping.get("maxTransitions"), ctx, "guard.flapping.maxTransitions", 1);
            flapWindow = flapping.get("window") == null ? null
                    : duration(flapping.get("window"), ctx, "guard.flapping.window");
        }
        return new GuardSpec(cooldown, maxAttempts, window, flapTransitions, flapWindow, minReady);
    }

    private static String template(Object value, Ctx ctx, String field) {
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw ctx.fail(field, "must be a string");
        }
        String text = String.valueOf(value);
        List<String> problems = TemplateSyntax.problems(text);
        if (!problems.isEmpty()) {
            throw ctx.fail(field, problems.getFirst());
        }
        return text;
    }

    private static List<String> strings(Object node, Ctx ctx, String field) {
        if (node == null) {
            return List.of();
        }
        if (node instanceof String s) {
            return List.of(s);
        }
        if (node instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof String s)) {
                    throw ctx.fail(field + "[" + i + "]", "must be a string");
                }
                out.add(s);
            }
            return out;
        }
        throw ctx.fail(field, "must be a string or a list of strings");
    }

    private static Integer integer(Object node, Ctx ctx, String field, Integer min) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof Integer i)) {
            throw ctx.fail(field, "must be a whole number, not '" + node + "'");
        }
        if (min != null && i < min) {
            throw ctx.fail(field, "must be at least " + min + ", not " + i);
        }
        return i;
    }

    private static boolean bool(Object node, Ctx ctx, String field) {
        if (!(node instanceof Boolean b)) {
            throw ctx.fail(field, "must be true or false, not '" + node + "'");
        }
        return b;
    }

    /** Reads {@code 30s}, {@code 15m}, {@code 1h}, {@code 2d}, {@code 500ms} or ISO-8601 ({@code PT15M}). */
    static Duration duration(Object node, Ctx ctx, String field) {
        String text = String.valueOf(node).trim();
        Matcher m = DURATION.matcher(text);
        Duration duration;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            duration = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw ctx.fail(field, "'" + text + "' is not a duration such as 30s, 15m, 1h or PT15M");
            }
        }
        if (duration.isNegative()) {
            throw ctx.fail(field, "must not be negative");
        }
        return duration;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, Ctx ctx, String field) {
        if (!(node instanceof Map<?, ?> map)) {
            throw ctx.fail(field, "must be a map (key: value)");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw ctx.fail(field, "key '" + key + "' must be a string");
            }
        }
        return (Map<String, Object>) map;
    }

    private static void unknownKeys(Map<String, Object> map, Set<String> known, Ctx ctx, String prefix) {
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                throw ctx.fail(prefix + key, known.isEmpty() ? "is not known: this takes no parameters"
                        : "is not known; known are " + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("\\s+", " ").trim();
    }

    record Ctx(String file, String playbook) {
        InvalidPlaybookException fail(String field, String problem) {
            return new InvalidPlaybookException(file, playbook, field, problem);
        }
    }
}

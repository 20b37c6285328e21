package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.JsonEdit.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Samples;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property-style check of the normalizers' contract: every field of every valid sample (and the body itself) is in
 * turn removed or replaced by null, numbers, booleans, strings, arrays, objects and deeply nested junk; each result
 * must either be accepted as well-formed alerts or refused with an {@link InvalidAlertException} whose field is the
 * mutated path, one of its parents or one of its children, with a short message that names it, and never with any
 * other exception.
 */
class MutationTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<JsonNode> REPLACEMENTS = List.of(
            NODES.nullNode(),
            NODES.numberNode(0),
            NODES.numberNode(-1.5),
            NODES.numberNode(new BigInteger("123456789012345678901234567890")),
            NODES.booleanNode(true),
            NODES.stringNode(""),
            NODES.stringNode(" "),
            NODES.stringNode("x"),
            NODES.stringNode("firing"),
            NODES.stringNode("0001-01-01T00:00:00Z"),
            NODES.stringNode("\\.\\\\\u0000\ud83d\ude00"),
            NODES.stringNode("x".repeat(100_000)),
            json("[]"),
            json("[\"x\", 1, null]"),
            json("{}"),
            json("{\"x\": \"y\"}"),
            json("{\"x\": {\"y\": [1]}}"),
            nested(200));

    private static final AlertmanagerNormalizer ALERTMANAGER = new AlertmanagerNormalizer(SETTINGS);
    private static final AzureMonitorNormalizer AZURE = new AzureMonitorNormalizer(SETTINGS);
    private static final GenericNormalizer GENERIC = new GenericNormalizer(SETTINGS);

    static Stream<Arguments> samples() {
        Stream<Arguments> alertmanager = Samples.ALERTMANAGER.stream()
                .map(sample -> Arguments.of(sample, ALERTMANAGER, Samples.json(sample)));
        Stream<Arguments> azure = Samples.AZURE_MONITOR.stream()
                .map(sample -> Arguments.of(sample, AZURE, Samples.json(sample)));
        Stream<Arguments> generic = Stream.of(Arguments.of("generic/two-alerts.json", GENERIC,
                GenericNormalizerTest.twoAlerts()));
        return Stream.of(alertmanager, azure, generic).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyMutationIsAcceptedOrRefusedWithTheFieldPath(String sample, Normalizer normalizer, JsonNode valid) {
        List<List<Object>> paths = new ArrayList<>();
        collect(valid, new ArrayList<>(), paths);
        List<String> problems = new ArrayList<>();
        int runs = 0;
        int refused = 0;

        for (List<Object> path : paths) {
            List<JsonNode> variants = new ArrayList<>();
            for (JsonNode replacement : REPLACEMENTS) {
                variants.add(path.isEmpty() ? replacement : JsonEdit.set(valid, JsonEdit.path(path), replacement));
            }
            if (!path.isEmpty() && path.getLast() instanceof String) {
                variants.add(JsonEdit.remove(valid, JsonEdit.path(path)));
            }
            for (JsonNode mutated : variants) {
                runs++;
                Outcome outcome = check(normalizer, mutated, JsonEdit.path(path));
                if (outcome.refused()) {
                    refused++;
                }
                if (outcome.problem() != null) {
                    problems.add(JsonEdit.path(path) + " = " + shorten(mutated.at(pointer(path))) + ": "
                            + outcome.problem());
                }
            }
        }

        assertThat(problems).as("%d mutations of %s", runs, sample).isEmpty();
        // the loop must have exercised both outcomes on a meaningful number of fields
        assertThat(paths).hasSizeGreaterThan(20);
        assertThat(refused).isGreaterThan(paths.size());
        assertThat(refused).isLessThan(runs);
    }

    /** How one mutated body fared: refused or accepted, and what is wrong with that, if anything. */
    private record Outcome(boolean refused, String problem) {
        static final Outcome ACCEPTED = new Outcome(false, null);
        static final Outcome REFUSED = new Outcome(true, null);

        static Outcome wrong(String problem) {
            return new Outcome(false, problem);
        }
    }

    private static Outcome check(Normalizer normalizer, JsonNode body, String mutatedPath) {
        List<AlertEvent> alerts;
        try {
            alerts = normalizer.normalize(body, RECEIVED);
        } catch (InvalidAlertException e) {
            String field = e.field();
            if (field == null || field.isBlank()) {
                return Outcome.wrong("refused without a field: " + e.getMessage());
            }
            if (!related(field, mutatedPath)) {
                return Outcome.wrong("refused naming an unrelated field " + field + ": " + e.getMessage());
            }
            if (!"$".equals(field) && !e.getMessage().contains("'" + field + "'")) {
                return Outcome.wrong("the message does not name " + field + ": " + e.getMessage());
            }
            if (e.getMessage().length() > 300) {
                return Outcome.wrong("the message is not bounded: " + e.getMessage().length() + " characters");
            }
            return Outcome.REFUSED;
        } catch (Throwable e) {
            return Outcome.wrong("threw " + e);
        }
        int expected = switch (normalizer.source()) {
            case ALERTMANAGER -> body.get("alerts").size();
            case AZURE_MONITOR -> 1;
            case GENERIC -> body.size();
        };
        if (alerts.size() != expected) {
            return Outcome.wrong("accepted " + alerts.size() + " alerts instead of " + expected);
        }
        for (AlertEvent alert : alerts) {
            if (alert.source() != normalizer.source() || !RECEIVED.equals(alert.receivedAt())
                    || (alert.firing() && alert.endsAt() != null) || alert.fingerprint().isBlank()
                    || alert.name().isBlank()) {
                return Outcome.wrong("accepted an unsound alert " + alert);
            }
        }
        return Outcome.ACCEPTED;
    }

    /** True when {@code field} is {@code mutated}, one of its parents or one of its children. */
    private static boolean related(String field, String mutated) {
        return "$".equals(mutated) || within(field, mutated) || within(mutated, field);
    }

    private static boolean within(String path, String ancestor) {
        return path.equals(ancestor) || path.startsWith(ancestor + ".") || path.startsWith(ancestor + "[");
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> paths) {
        paths.add(List.copyOf(path));
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> member : object.properties()) {
                path.add(member.getKey());
                collect(member.getValue(), path, paths);
                path.removeLast();
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                path.add(i);
                collect(array.get(i), path, paths);
                path.removeLast();
            }
        }
    }

    private static JsonPointer pointer(List<Object> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (Object segment : path) {
            pointer = segment instanceof Integer index ? pointer.appendIndex(index) : pointer.appendProperty((String) segment);
        }
        return pointer;
    }

    private static String shorten(JsonNode node) {
        String text = node.isMissingNode() ? "(removed)" : node.toString();
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    private static JsonNode nested(int depth) {
        JsonNode node = NODES.stringNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
        }
        return node;
    }
}

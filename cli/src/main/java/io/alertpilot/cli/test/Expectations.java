package io.alertpilot.cli.test;

import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Compares what a test expects with what its rehearsal did: the decisions ({@link RehearsalResult#decisive()}) in
 * order, every one listed; the pages in order, every one listed, when the test lists pages. A key an expectation
 * leaves out is not compared. Each difference is one line naming the list, the position and the key, with the
 * expected and the actual value; when a list differs, what the rehearsal did follows in full, so that it can be
 * copied into the test. Stateless and thread safe.
 */
final class Expectations {

    private final Instant start;

    Expectations(Instant start) {
        this.start = start;
    }

    List<String> compare(TestFile.Expect expect, RehearsalResult result) {
        List<String> differences = new ArrayList<>();
        compare("remediations", expect.remediations(), result.decisive(), this::expected, this::actual, differences);
        if (expect.pages() != null) {
            compare("pages", expect.pages(), result.pages(), this::expected, this::actual, differences);
        }
        if (expect.breaches() != null) {
            compare("breaches", expect.breaches(), result.breaches(), this::expected, this::actual, differences);
        }
        return differences;
    }

    private <E, G> void compare(String list, List<E> expected, List<G> got, Function<E, Map<String, Object>> wanted,
            Function<G, Map<String, Object>> actual, List<String> differences) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), got.size()); i++) {
            String where = list + "[" + i + "]";
            if (i >= got.size()) {
                found.add(where + ": expected " + text(wanted.apply(expected.get(i))) + ", got nothing");
            } else if (i >= expected.size()) {
                found.add(where + ": not expected: " + text(actual.apply(got.get(i))));
            } else {
                Map<String, Object> want = wanted.apply(expected.get(i));
                Map<String, Object> have = actual.apply(got.get(i));
                want.forEach((key, value) -> {
                    if (!Objects.equals(value, have.get(key))) {
                        found.add(where + ": " + key + ": expected " + value + ", got " + have.get(key));
                    }
                });
            }
        }
        if (!found.isEmpty()) {
            differences.addAll(found);
            differences.add("got " + list + ":");
            got.forEach(g -> differences.add("  - " + text(actual.apply(g))));
        }
    }

    private Map<String, Object> expected(TestFile.ExpectedDecision d) {
        Map<String, Object> keys = new LinkedHashMap<>();
        putIf(keys, "at", d.at() == null ? null : offset(d.at()));
        putIf(keys, "playbook", d.playbook());
        putIf(keys, "action", d.action());
        putIf(keys, "target", d.target());
        putIf(keys, "phase", d.phase());
        putIf(keys, "reason", d.reason());
        putIf(keys, "dryRun", d.dryRun());
        putIf(keys, "step", d.step());
        return keys;
    }

    private Map<String, Object> actual(RehearsalResult.Step step) {
        RemediationEvent event = step.event();
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("at", offset(Duration.between(start, step.at())));
        keys.put("playbook", event.playbook());
        keys.put("action", event.action());
        keys.put("target", target(event.target()));
        keys.put("phase", event.phase().name());
        keys.put("reason", event.reason());
        keys.put("dryRun", event.dryRun());
        putIf(keys, "step", event.step());
        return keys;
    }

    private Map<String, Object> expected(TestFile.ExpectedPage p) {
        Map<String, Object> keys = new LinkedHashMap<>();
        putIf(keys, "at", p.at() == null ? null : offset(p.at()));
        putIf(keys, "to", p.to());
        putIf(keys, "kind", p.kind());
        putIf(keys, "level", p.level());
        putIf(keys, "alerts", p.alerts());
        return keys;
    }

    private Map<String, Object> expected(TestFile.ExpectedBreach b) {
        Map<String, Object> keys = new LinkedHashMap<>();
        putIf(keys, "at", b.at() == null ? null : offset(b.at()));
        putIf(keys, "kind", b.kind());
        return keys;
    }

    private Map<String, Object> actual(RehearsalResult.Breach breach) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("at", offset(Duration.between(start, breach.at())));
        keys.put("kind", breach.kind());
        keys.put("detail", breach.detail());
        return keys;
    }

    private Map<String, Object> actual(RehearsalResult.Page page) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("at", offset(Duration.between(start, page.at())));
        keys.put("to", page.to());
        keys.put("kind", page.kind());
        keys.put("level", page.level());
        keys.put("alerts", page.alerts());
        return keys;
    }

    /** {@code namespace/Kind/name}, {@code Kind/name} without a namespace, null without a target. */
    static String target(Target target) {
        if (target == null || target.name() == null) {
            return null;
        }
        return (target.namespace() == null ? "" : target.namespace() + "/") + target.kind() + "/" + target.name();
    }

    /** A time after the start as a test writes it: {@code 0s}, {@code 2m}, {@code 1h30m}, {@code 1m500ms}. */
    static String offset(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, d.toDaysPart(), "d");
        append(text, d.toHoursPart(), "h");
        append(text, d.toMinutesPart(), "m");
        append(text, d.toSecondsPart(), "s");
        append(text, d.toMillisPart(), "ms");
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static void putIf(Map<String, Object> keys, String key, Object value) {
        if (value != null) {
            keys.put(key, value);
        }
    }

    private static String text(Map<String, Object> keys) {
        StringBuilder text = new StringBuilder("{");
        keys.forEach((key, value) -> {
            if (value != null) {
                text.append(text.length() > 1 ? ", " : "").append(key).append(": ").append(value);
            }
        });
        return text.append('}').toString();
    }
}

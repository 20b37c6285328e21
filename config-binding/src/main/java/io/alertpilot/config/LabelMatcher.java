package io.alertpilot.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Label conditions of a playbook or a policy: label name to a regular expression its value must match, with
 * Alertmanager's semantics. Every pattern is anchored (it must match the whole value, as if written
 * {@code ^(?:regex)$}); a label the alert does not have reads as the empty string, so a missing label matches
 * exactly the patterns that accept "" (such as {@code ".*"} or {@code "|shop"}) and no other. Every condition must
 * hold; no condition matches every alert. Immutable and thread safe.
 *
 * @param patterns label name to its compiled pattern
 */
public record LabelMatcher(Map<String, Pattern> patterns) {

    /** No condition: matches every alert. */
    public static final LabelMatcher ANY = new LabelMatcher(Map.of());

    public LabelMatcher {
        patterns = Map.copyOf(patterns);
    }

    /**
     * Compiles label name to regular expression, in order.
     *
     * @throws InvalidLabelPatternException for the first expression that does not compile, naming its label
     */
    public static LabelMatcher compile(Map<String, String> regexes) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        regexes.forEach((label, regex) -> {
            try {
                patterns.put(label, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new InvalidLabelPatternException(label, "'" + regex + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        });
        return new LabelMatcher(patterns);
    }

    /** True when every condition holds for {@code labels}; a missing label is the empty string. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, Pattern> condition : patterns.entrySet()) {
            String value = labels.getOrDefault(condition.getKey(), "");
            if (!condition.getValue().matcher(value == null ? "" : value).matches()) {
                return false;
            }
        }
        return true;
    }

    /** True when there is no condition. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /**
     * Equal when the same labels carry the same expressions ({@link Pattern} itself has identity equality, so a
     * record's default would call two readings of one file different).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LabelMatcher that && expressions().equals(that.expressions());
    }

    @Override
    public int hashCode() {
        return expressions().hashCode();
    }

    private Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        patterns.forEach((label, pattern) -> expressions.put(label, pattern.pattern()));
        return expressions;
    }

    /** A label's expression that does not compile. */
    public static final class InvalidLabelPatternException extends IllegalArgumentException {

        private final String label;

        public InvalidLabelPatternException(String label, String message) {
            super(message);
            this.label = label;
        }

        /** The label whose expression is invalid. */
        public String label() {
            return label;
        }
    }
}

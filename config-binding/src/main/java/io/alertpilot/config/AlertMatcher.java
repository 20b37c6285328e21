package io.alertpilot.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One Alertmanager matcher of a playbook or a policy ({@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}); regular expressions are anchored and a missing label or annotation reads as the empty string,
 * as in Alertmanager (and as {@link LabelMatcher} reads them). The one parser of matchers for both services.
 * Immutable and thread safe.
 *
 * @param pattern the compiled expression for {@code =~} and {@code !~}; null for {@code =} and {@code !=}
 */
public record AlertMatcher(String name, Operator operator, String value, Pattern pattern) {

    /** {@code name op value}: a label name, an operator, a value in double quotes (with escapes) or bare. */
    private static final Pattern TEXT = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*(=~|!~|!=|=)\\s*"
            + "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\"]*?))\\s*");

    public AlertMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
        if (pattern == null && (operator == Operator.REGEX || operator == Operator.NOT_REGEX)) {
            pattern = compile(value);
        }
    }

    /**
     * Reads one matcher as Alertmanager writes it: {@code team!=infra}, {@code env=~"prod|staging"},
     * {@code pod!~"canary-.*"}; a quoted value may hold {@code \"} and {@code \\}, a bare one is taken as written
     * (surrounding blanks trimmed).
     *
     * @throws InvalidMatcherException naming what is wrong: the form, or a regular expression that does not compile
     */
    public static AlertMatcher parse(String text) {
        Matcher m = text == null ? null : TEXT.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidMatcherException("'" + text + "' is not a matcher: write name=value, name!=value, "
                    + "name=~\"regex\" or name!~\"regex\"");
        }
        Operator operator = switch (m.group(2)) {
            case "=" -> Operator.EQUAL;
            case "!=" -> Operator.NOT_EQUAL;
            case "=~" -> Operator.REGEX;
            default -> Operator.NOT_REGEX;
        };
        String value = m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(4);
        return new AlertMatcher(m.group(1), operator, value, null);
    }

    /**
     * Each text of {@code texts} (null: none) read by {@link #parse}; a text that cannot be read is left out and
     * reported to {@code report} as {@code field[i]} (positions from 0) with what is wrong, so a loader names every
     * mistake of a file at once.
     */
    public static List<AlertMatcher> parseAll(List<String> texts, String field, BiConsumer<String, String> report) {
        List<AlertMatcher> matchers = new ArrayList<>();
        for (int i = 0; texts != null && i < texts.size(); i++) {
            try {
                matchers.add(parse(texts.get(i)));
            } catch (InvalidMatcherException e) {
                report.accept(field + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(matchers);
    }

    /** True when the value of {@code name} in {@code values} (missing: the empty string) satisfies this matcher. */
    public boolean matches(Map<String, String> values) {
        String actual = values.get(name);
        String current = actual == null ? "" : actual;
        return switch (operator) {
            case EQUAL -> current.equals(value);
            case NOT_EQUAL -> !current.equals(value);
            case REGEX -> pattern.matcher(current).matches();
            case NOT_REGEX -> !pattern.matcher(current).matches();
        };
    }

    /** As written in a playbook, the value quoted: {@code env=~"prod|staging"}. */
    @Override
    public String toString() {
        return name + operator.text() + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Equal when name, operator and value are ({@link Pattern} itself has identity equality). */
    @Override
    public boolean equals(Object other) {
        return other instanceof AlertMatcher that && name.equals(that.name) && operator == that.operator
                && value.equals(that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, operator, value);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidMatcherException("'" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }

    /** The four operators of Alertmanager's matchers. */
    public enum Operator {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        /** As written in a matcher. */
        public String text() {
            return text;
        }
    }

    /** A matcher that cannot be read: not {@code name op value}, or a regular expression that does not compile. */
    public static final class InvalidMatcherException extends IllegalArgumentException {

        public InvalidMatcherException(String message) {
            super(message);
        }
    }
}

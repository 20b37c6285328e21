package io.alertpilot.model.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition of a maintenance window, in Alertmanager's silence format. {@code name} is an alert label or a
 * target field ({@code cluster}, {@code namespace}, {@code kind}, {@code name}, {@code pod}, {@code container},
 * {@code node}, {@code service}); a value that is missing reads as the empty string. With {@code isRegex} the value
 * is a regular expression that must match the whole value (anchored, as in Alertmanager and in playbook matchers);
 * otherwise it must equal it. {@code isEqual: false} negates the condition. Immutable and thread safe.
 *
 * @param isRegex null reads as false
 * @param isEqual null reads as true
 * @throws InvalidWindowException (field {@code name} or {@code value}) for a blank name or a regex that does not
 *     compile
 */
public record WindowMatcher(String name, String value, @JsonProperty("isRegex") Boolean isRegex,
        @JsonProperty("isEqual") Boolean isEqual) {

    public WindowMatcher {
        if (name == null || name.isBlank()) {
            throw new InvalidWindowException("name", "a matcher needs a label or target field name");
        }
        value = value == null ? "" : value;
        isRegex = Boolean.TRUE.equals(isRegex);
        isEqual = !Boolean.FALSE.equals(isEqual);
        if (isRegex) {
            compile(value);
        }
    }

    /** An equality matcher: {@code name} must be {@code value}. */
    public static WindowMatcher equal(String name, String value) {
        return new WindowMatcher(name, value, false, true);
    }

    /** True when {@code actual} (null: the empty string) satisfies the condition. */
    public boolean matches(String actual) {
        String current = actual == null ? "" : actual;
        boolean hit = isRegex ? compile(value).matcher(current).matches() : Objects.equals(value, current);
        return hit == isEqual;
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidWindowException("value", "'" + regex + "' is not a valid regular expression: "
                    + e.getDescription());
        }
    }
}

package io.alertpilot.remediation.playbook;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One Alertmanager matcher of a playbook ({@code name=value}, {@code name!=value}, {@code name=~regex},
 * {@code name!~regex}); regular expressions are anchored and a missing label or annotation reads as the empty string,
 * as in Alertmanager. Immutable and thread safe.
 *
 * @param pattern the compiled expression for {@code =~} and {@code !~}; null for {@code =} and {@code !=}
 */
public record AlertMatcher(String name, Operator operator, String value, Pattern pattern) {

    public AlertMatcher {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(value, "value");
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
}

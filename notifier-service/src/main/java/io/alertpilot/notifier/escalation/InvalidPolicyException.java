package io.alertpilot.notifier.escalation;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.InvalidConfigException;
import java.util.List;

/** Policy files that cannot be used; see {@link InvalidConfigException} for the message. Not retryable. */
public class InvalidPolicyException extends InvalidConfigException {

    public InvalidPolicyException(String file, String policy, String field, String problem) {
        this(List.of(new ConfigProblem(file, policy, -1, field, 0, problem)));
    }

    /** @param problems at least one */
    public InvalidPolicyException(List<ConfigProblem> problems) {
        super("policy", problems);
    }

    /** The policy's name (by name, else {@code #index}), or null outside any policy. */
    public String policy() {
        return item();
    }
}

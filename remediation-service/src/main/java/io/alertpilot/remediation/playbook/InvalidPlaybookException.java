package io.alertpilot.remediation.playbook;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.InvalidConfigException;
import java.util.List;

/** Playbook files that cannot be used; see {@link InvalidConfigException} for the message. Not retryable. */
public class InvalidPlaybookException extends InvalidConfigException {

    public InvalidPlaybookException(String file, String playbook, String field, String problem) {
        this(List.of(new ConfigProblem(file, playbook, -1, field, 0, problem)));
    }

    /** @param problems at least one */
    public InvalidPlaybookException(List<ConfigProblem> problems) {
        super("playbook", problems);
    }

    /** The playbook's name, or null when the problem is outside any playbook (or the name itself is missing). */
    public String playbook() {
        return item();
    }
}

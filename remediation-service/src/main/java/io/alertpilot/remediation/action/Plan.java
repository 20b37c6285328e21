package io.alertpilot.remediation.action;

import io.alertpilot.remediation.playbook.Playbook;
import java.util.List;

/** What a playbook would do for one alert: the target and substituted actions, or why it cannot. */
public sealed interface Plan {

    Playbook playbook();

    /** The target, as far as it could be resolved. */
    ResolvedTarget target();

    /** Every template resolved and checked. */
    record Planned(Playbook playbook, ResolvedTarget target, List<Action> actions) implements Plan {
        public Planned {
            actions = List.copyOf(actions);
        }
    }

    /**
     * A template could not be used, or the target's cluster is not known; nothing may reach the API.
     *
     * @param reason {@code invalid-target}, {@code namespace} or {@code unknown-cluster}
     * @param target the target as far as it could be resolved (parts may be null)
     */
    record Refused(Playbook playbook, ResolvedTarget target, String reason, String field, String message) implements Plan {
    }
}

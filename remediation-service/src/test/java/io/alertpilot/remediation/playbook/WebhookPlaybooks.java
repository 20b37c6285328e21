package io.alertpilot.remediation.playbook;

import java.time.Instant;
import java.util.List;

/** Test playbooks of one targetless webhook action, for the webhook's load, plan and schema tests. */
public final class WebhookPlaybooks {

    private WebhookPlaybooks() {
    }

    /** The file text of playbook {@code hook} (alert DiskFull) whose one action is a webhook with {@code params}. */
    public static String yaml(String params) {
        return """
                playbooks:
                  - name: hook
                    match: { alertname: DiskFull }
                    actions:
                      - webhook:
                """ + params.indent(10);
    }

    /** {@link #yaml(String)} loaded. */
    public static PlaybookSet load(String params) {
        return new PlaybookLoader().load(List.of(new PlaybookLoader.Source("hooks.yml", yaml(params))), Instant.EPOCH);
    }
}

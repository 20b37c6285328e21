package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;

/**
 * The key of a plan's ledger entry and lock: the target's key ({@code cluster/namespace/kind/name}), or for a playbook
 * without a target (webhook or escalate only) {@code cluster/-/-/-/playbook/fingerprint}, so that every such alert has
 * its own cooldown, attempt budget and lock. A webhook in a playbook with a target is bookkept under the target's key
 * with the playbook's other actions: the entry records the alert occurrence before any action runs, so a redelivered
 * record calls the webhook no second time (and the receiver gets the remediation id as {@code Idempotency-Key}).
 */
public final class LedgerKey {

    private LedgerKey() {
    }

    /** The ledger key of {@code plan} for {@code alert}. */
    public static String of(Plan plan, AlertEvent alert) {
        ResolvedTarget target = plan.target();
        if (target.name() != null || plan.playbook().target() != null) {
            return target.key();
        }
        return target.key() + "/" + plan.playbook().name() + "/" + alert.fingerprint();
    }

    /**
     * True when {@code key} is a plan's key ({@code cluster/namespace/kind[/name...]}), not one of the ledger's reserved
     * entries (the shared rate limit's {@code ~rate-limit}, the window transitions' {@code ~maintenance-transitions}),
     * which name no target.
     */
    public static boolean namesTarget(String key) {
        return key.split("/", 4).length >= 3;
    }

    /** The target a ledger key names, as far as the key tells (no target for a targetless playbook's key). */
    public static ResolvedTarget target(String key) {
        String[] parts = key.split("/", 4);
        String kind = dash(parts[2]);
        String name = kind == null || parts.length < 4 ? null : dash(parts[3]);
        return new ResolvedTarget(dash(parts[0]), kind, dash(parts[1]), name);
    }

    private static String dash(String part) {
        return "-".equals(part) ? null : part;
    }
}

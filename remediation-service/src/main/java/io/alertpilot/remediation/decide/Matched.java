package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Plan;

/**
 * The first two stages of a decision, match and plan, before any state is read: one playbook's part in an alert (with
 * {@code continue: true} several playbooks take part, each with a {@code Matched} of its own).
 *
 * @param acting the plan of a playbook whose rule holds for the alert, its status included; null when none
 * @param counterpart for a RESOLVED alert, the plan of a playbook that handles it while it fires (what the
 *     resolution cancels or switches back); null for a FIRING alert or when none would
 * @param occurrenceId the id the occurrence is recorded under as handled in the ledger entries this part writes: the
 *     alert's {@code eventId} for the first part, {@code eventId#playbook} for each further one, so that every
 *     playbook acts at most once per occurrence, also on a target another playbook of the same alert acted on
 */
public record Matched(AlertEvent alert, Plan acting, Plan counterpart, String occurrenceId) {

    /** The first (or only) part of {@code alert}: its occurrence is recorded under the alert's {@code eventId}. */
    public Matched(AlertEvent alert, Plan acting, Plan counterpart) {
        this(alert, acting, counterpart, alert.eventId());
    }

    /** The ledger key the acting plan reads and writes; null without one. */
    public String actingKey() {
        return acting == null ? null : LedgerKey.of(acting, alert);
    }

    /** The ledger key of the counterpart; null without one. */
    public String recoveryKey() {
        return counterpart == null ? null : LedgerKey.of(counterpart, alert);
    }

    /** True when the recovery is bookkept in an entry of its own, not in the acting plan's. */
    public boolean separateRecovery() {
        return counterpart != null && !recoveryKey().equals(actingKey());
    }
}

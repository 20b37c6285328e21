/**
 * Carries decisions out: the orchestrator per alert, approvals, execution under the target lock, verification,
 * failover revert, event reporting, and evaluate's rendering of a decision.
 */
package io.alertpilot.remediation.run;

/** The guards checked before every action, the per-target ledger they read, and their verdicts. Pure. */
package io.alertpilot.remediation.guard;

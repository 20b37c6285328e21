/** Carries a plan out: guards, approval, the per-target lock, execution, verification and the events of each step. */
package io.alertpilot.remediation.run;

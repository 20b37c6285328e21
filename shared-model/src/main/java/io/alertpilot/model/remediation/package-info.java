/** Remediation events, as carried on {@code alertpilot.remediations.v1}. */
package io.alertpilot.model.remediation;

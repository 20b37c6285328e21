/**
 * The one decision path of a remediation, match -> plan -> guards, as a {@link io.alertpilot.remediation.decide.Decision}
 * value that the run acts on and evaluate explains. Pure: state comes in through interfaces, time through a Clock.
 */
package io.alertpilot.remediation.decide;

/** The remediation service: alerts in, guarded Kubernetes actions and RemediationEvents out. */
package io.alertpilot.remediation;

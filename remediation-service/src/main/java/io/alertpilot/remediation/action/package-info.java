/** The sealed action types, template substitution with Kubernetes name checks, and planning. Pure. */
package io.alertpilot.remediation.action;
